using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>
/// Lopper's exec lop: <c>exec = &lt;&amp;other_lop&gt;</c> runs another lop of the same file (usually one marked
/// <c>noexec</c>) and returns its result, starting at <c>node</c> or else at the first selected node. Lopper's
/// <c>options = "key:value"</c> are handed to assists only; viommu's lops take their options from their own node,
/// so they are checked for form and otherwise not used.
/// </summary>
public sealed class ExecLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "exec" };
    public string Description => "run another lop of the file (exec = <&lop>)";

    public bool Run(LopContext context)
    {
        var exec = context.Spec.Get("exec");
        if (exec is not { Integers.Count: > 0 })
            throw new LopException("an exec lop needs 'exec = <&lop>' naming another lop of the file");
        if (!context.Session.LopsByPhandle.TryGetValue((uint)exec.Integers[0], out var target))
            throw new LopException($"exec = <0x{exec.Integers[0]:x}> names no lop of the file");
        foreach (var option in context.Spec.Get("options")?.Strings ?? (IReadOnlyList<string>)Array.Empty<string>())
            if (!option.Contains(':')) throw new LopException($"exec option '{option}' is not key:value");
        var start = context.Spec.Text("node") ?? context.Selected.FirstOrDefault()?.Path;
        return context.RunNested(target, start);
    }
}
