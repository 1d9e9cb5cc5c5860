namespace Viommu.Cli;

/// <summary>How a run uses the GC: most runs end before a first collection would start; large ones skip them.</summary>
public static class RunMemory
{
    /// <summary>
    /// dtc inputs from this size on get the no-collection region. Board trees never reach a collection (k3-j721e-evm
    /// as DTS allocates 6.8 MB; the first collection comes after about 30 MB of small or 3.2 MB of large objects),
    /// and entering the region costs a collection and 65 page faults (0.2-0.4 ms, a tenth of a small run).
    /// </summary>
    public const long LargeDtcInputBytes = 512 * 1024;

    /// <summary>
    /// A run is short and keeps most of what it allocates until it ends, so a collection in the middle (the first
    /// large buffer triggers a full one) costs more than it frees: measured on a 4,096-stream xen partial and the
    /// largest kernel board, 10-20 % of the CPU time. Nothing is collected for the first 128 MB allocated; past that
    /// the region ends and the GC works as usual. Memory is only used as it is touched (peak RSS unchanged).
    /// </summary>
    public static void NoCollectionsWhileShort()
    {
        try
        {
            GC.TryStartNoGCRegion(128L << 20);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A runtime that cannot reserve the region simply collects as usual.
        }
    }

    /// <summary>Enters the region when <paramref name="path"/> names a file of at least <paramref name="bytes"/>.</summary>
    public static void NoCollectionsWhenFileAtLeast(string path, long bytes)
    {
        try
        {
            if (path != "-" && new FileInfo(path) is { Exists: true } file && file.Length >= bytes) NoCollectionsWhileShort();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // not a readable path: reading it reports that
        }
    }
}
