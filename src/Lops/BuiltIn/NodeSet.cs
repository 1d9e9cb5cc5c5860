using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>The node lists of Lopper's output and tree lops: <c>nodes</c> regexes (a bare name is matched
/// anywhere; a regex that finds no path is tried as a label), each optionally <c>REGEX:prop:value</c>
/// (value is a substring of the property's value); without <c>nodes</c>, the selection.</summary>
internal static class NodeSet
{
    /// <summary>Null means the whole tree (<c>"*"</c>); an empty list means nothing matched.</summary>
    public static List<DtNode>? Resolve(LopContext context, DeviceTree tree)
    {
        var regexes = context.Spec.Get("nodes")?.AllText.ToList() ?? new List<string>();
        if (regexes.Count == 0) return new List<DtNode>(context.Session.Selection(tree));
        if (regexes.Contains("*")) return null;
        var result = new List<DtNode>();
        foreach (var r in regexes)
        {
            var parts = r.Split(':');
            var regex = parts[0].Contains('/') ? parts[0] : ".*" + parts[0];
            var prop = parts.Length > 1 ? parts[1] : "";
            var value = parts.Length > 2 ? parts[2] : "";
            var found = NodeQuery.Nodes(tree, regex);
            if (found.Count == 0) found = NodeQuery.ByLabel(tree, parts[0]);
            foreach (var n in found)
            {
                if (prop.Length > 0)
                {
                    if (value.Length == 0) continue;
                    var p = n.GetProperty(prop);
                    if (p is null || !LopperValue.FromProperty(p.Value).AllText().Any(t => t.Contains(value, StringComparison.Ordinal))) continue;
                }
                if (!result.Contains(n)) result.Add(n);
            }
        }
        return result;
    }

    /// <summary>A new tree holding copies of <paramref name="nodes"/> at their paths (or the whole tree).</summary>
    public static DeviceTree Build(DeviceTree source, List<DtNode>? nodes)
    {
        if (nodes is null)
        {
            var whole = new DeviceTree(NodeCopy.DeepCopy(source.Root)) { IsPlugin = source.IsPlugin };
            whole.ReserveEntries.AddRange(source.ReserveEntries);
            return whole;
        }
        var tree = new DeviceTree(new DtNode(""));
        foreach (var n in nodes)
        {
            if (n.Parent is null) { tree.Root = NodeCopy.DeepCopy(n); continue; }
            TreeEdits.Place(tree, n.Path, NodeCopy.DeepCopy(n));
        }
        TreeEdits.DropDanglingReferences(tree);
        return tree;
    }

    private static IEnumerable<string> AllText(this LopperValue v) => Enumerable.Range(0, v.Count).Select(v.Text);
}
