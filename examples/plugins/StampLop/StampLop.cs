using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Examples.StampLop;

/// <summary>The plugin's entry point: viommu finds every public ILopProvider in the assembly.</summary>
public sealed class Provider : ILopProvider
{
    public IEnumerable<ILop> CreateLops() => new ILop[] { new Stamp() };
}

/// <summary>
/// <c>example,stamp</c>: writes <c>stamp = "TEXT"</c> on the selected nodes (or, called from an assist lop,
/// on its node), TEXT from the lop's <c>text</c> option or the assist's arguments.
/// </summary>
public sealed class Stamp : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "example,stamp" };
    public string Description => "sample plugin: write a stamp property on nodes";

    public bool Run(LopContext context)
    {
        var text = context.Spec.Text("text") ?? context.Spec.Text("args") ?? "stamped";
        var targets = context.StartNode is { } start && context.Tree.FindByPath(start) is { } node
            ? new List<DtNode> { node }
            : context.Selected;
        if (targets.Count == 0) throw new LopException("nothing to stamp: select nodes first");
        foreach (var n in targets) n.SetProperty("stamp", PropertyValue.FromString(text));
        return true;
    }
}
