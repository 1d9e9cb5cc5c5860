using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>
/// Lopper's conditional: under the lop, <c>cond_root</c> names a chain of nodes whose deepest node gives the path
/// to test (<c>cond_select</c> overrides it) and whose properties are the conditions (a name ending in
/// <c>__not__</c> inverts). Each tree node where every condition holds runs the <c>true*</c> blocks; each other
/// node that has the path runs the <c>false*</c> blocks, with the node as start node. A block returning false
/// stops the blocks for that node.
/// </summary>
public sealed class ConditionalLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "conditional" };
    public string Description => "test nodes' properties and run true/false blocks";

    public bool Run(LopContext context)
    {
        var spec = context.Spec;
        var lopNode = spec.Node ?? throw new LopException("a conditional lop needs its condition nodes");
        var rootName = spec.Text("cond_root") ?? throw new LopException("a conditional lop needs 'cond_root', the first node of its condition chain");
        var start = lopNode.GetChild(rootName.Trim('/')) ?? throw new LopException($"cond_root '{rootName}' is not a child node of the lop");
        var last = start.Walk().Last();
        var path = spec.Text("cond_select") ?? RelativePath(lopNode, last);
        var targets = NodeQuery.Nodes(context.Tree, path);
        if (targets.Count == 0) return false;

        var matches = new List<DtNode>();
        var misses = new List<DtNode>();
        foreach (var condition in last.Properties)
        {
            if (condition.Name is "phandle" or "linux,phandle") continue;
            var name = condition.Name;
            var invert = name.EndsWith("__not__", StringComparison.Ordinal);
            if (invert) name = name[..^"__not__".Length];
            var wanted = LopperValue.FromProperty(condition.Value);
            foreach (var t in targets)
            {
                var p = t.GetProperty(name);
                var ok = p is not null && wanted.Matches(LopperValue.FromProperty(p.Value)) != invert;
                if (ok) { if (!matches.Contains(t) && !misses.Contains(t)) matches.Add(t); }
                else
                {
                    matches.Remove(t);
                    if (!misses.Contains(t)) misses.Add(t);
                }
            }
        }
        RunBlocks(context, matches, "true");
        RunBlocks(context, misses, "false");
        return matches.Count > 0;
    }

    private static void RunBlocks(LopContext context, List<DtNode> nodes, string prefix)
    {
        foreach (var node in nodes)
            foreach (var block in context.Spec.Children.Where(c => c.Name.StartsWith(prefix, StringComparison.Ordinal)))
                if (!context.RunNested(block, node.Path)) break;
    }

    private static string RelativePath(DtNode lopNode, DtNode last)
    {
        var parts = new List<string>();
        for (var n = last; n is not null && !ReferenceEquals(n, lopNode); n = n.Parent) parts.Add(n.Name);
        parts.Reverse();
        return "/" + string.Join("/", parts);
    }
}
