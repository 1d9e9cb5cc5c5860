namespace Viommu.DtEngine;

/// <summary>Which phandle properties are written for allocated phandles (dtc -H).</summary>
[Flags]
public enum PhandleFormat
{
    Legacy = 1,
    Epapr = 2,
    Both = 3,
}

/// <summary>Options of the compile step between reading and writing (dtc's global options).</summary>
public sealed record CompileOptions
{
    public int Quiet { get; init; }
    public bool Force { get; init; }
    public bool Sort { get; init; }
    public PhandleFormat PhandleFormat { get; init; } = PhandleFormat.Epapr;
    /// <summary>-@: generate /__symbols__.</summary>
    public bool GenerateSymbols { get; init; }
    /// <summary>-L: generate /__fixups__ and /__local_fixups__ (always on for plugins).</summary>
    public bool GenerateFixups { get; init; }
    /// <summary>-A: generate /aliases from labels.</summary>
    public bool AutoAliases { get; init; }
    /// <summary>-b: boot CPU id, overriding the guess.</summary>
    public uint? BootCpuId { get; init; }
    /// <summary>Output file name, used in check messages without a source position.</summary>
    public string OutputName { get; init; } = "-";
    /// <summary>-W/-E settings in command-line order: (warn, error, argument).</summary>
    public IReadOnlyList<(bool Warn, bool Error, string Name)> CheckSettings { get; init; } = Array.Empty<(bool, bool, string)>();
}
