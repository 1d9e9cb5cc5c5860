using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's add: copies the lop's child node <c>node_src</c> into the tree at <c>node_dest</c>
/// (default <c>/node_src</c>); an existing node there is merged into.</summary>
public sealed class AddLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "add" };
    public string Description => "copy a node written in the lop into the tree";

    public bool Run(LopContext context)
    {
        var source = context.Spec.RequireText("node_src");
        var content = context.Spec.Node?.GetChild(source)
            ?? throw new LopException($"node_src '{source}' is not a child node of the lop");
        var destination = context.Spec.Text("node_dest") ?? "/" + source;
        var copy = NodeCopy.DeepCopy(content);
        // The lop's own phandle/labels belong to the lop file, not to the target tree.
        copy.Phandle = 0;
        TreeEdits.Place(context.Tree, destination, copy);
        // References in the lop's node that name nothing in the tree stay as their values (as in Lopper).
        TreeEdits.DropDanglingReferences(context.Tree);
        return true;
    }
}
