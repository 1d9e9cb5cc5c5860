namespace Viommu.DtEngine.Dtb;

/// <summary>Blob layout options (dtc's -V -R -S -p -a).</summary>
public sealed record DtbWriteOptions
{
    /// <summary>Blob version: 1, 2, 3, 16 or 17.</summary>
    public int Version { get; init; } = 17;
    /// <summary>Extra empty memory-reserve slots (-R).</summary>
    public int ReserveSlots { get; init; }
    /// <summary>Minimum total size (-S).</summary>
    public int MinimumSize { get; init; }
    /// <summary>Extra padding bytes (-p).</summary>
    public int Padding { get; init; }
    /// <summary>Align the total size to this power of two (-a).</summary>
    public int Alignment { get; init; }
}
