using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's code and xlate lops run inline Python; they are refused with the way out (a plugin).</summary>
public sealed class PythonCodeLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "code", "xlate" };
    public string Description => "inline Python (refused: write a plugin instead)";

    public bool Run(LopContext context)
        => throw new LopException("this lop runs inline Python, which viommu cannot run; express it as a plugin lop " +
                                  "(an ILopProvider assembly, see README 'Plugins') and call it with an assist lop or its compatible");
}

/// <summary>Lopper's meta lops describe Lopper's own phandle tables; viommu keeps references as markers, so they are accepted and change nothing.</summary>
public sealed class MetaLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "meta" };
    public string Description => "Lopper metadata (accepted, no effect)";

    public bool Run(LopContext context) => true;
}
