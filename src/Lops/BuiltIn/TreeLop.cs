using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's tree: makes the named tree <c>tree</c> from <c>nodes</c> (or the selection); later lops
/// work on it with <c>tree = "name"</c>.</summary>
public sealed class TreeLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "tree" };
    public string Description => "make a named tree from nodes of the system tree";

    public bool Run(LopContext context)
    {
        var name = context.Spec.RequireText("tree");
        var nodes = NodeSet.Resolve(context, context.Session.Tree);
        if (nodes is { Count: 0 }) throw new LopException($"tree '{name}': no nodes matched, so no tree was made");
        context.Session.Subtrees[name] = NodeSet.Build(context.Session.Tree, nodes);
        return true;
    }
}
