namespace Viommu.Cli;

/// <summary>How a run uses the GC: no collections while it is short, in memory backed by large pages.</summary>
public static class RunMemory
{
    /// <summary>
    /// dtc inputs from this size on get the large no-collection region (<see cref="LargeRunBytes"/>); smaller ones a
    /// small one (<see cref="SmallRunBytes"/>).
    /// </summary>
    public const long LargeDtcInputBytes = 512 * 1024;

    /// <summary>
    /// dtc inputs below this size get no region: such a run allocates too little for the large pages to repay their
    /// set-up (entering the region, reading /proc/self/maps and collapsing two blocks: about 1 ms on the machines
    /// measured, against fewer faults worth less than that for fvp-base-revc, 11 KB as DTB; juno-r1, 28 KB, gains).
    /// </summary>
    public const long SmallDtcInputBytes = 24 * 1024;

    /// <summary>The region for large runs: collections would only move what the run keeps to its end anyway.</summary>
    public const long LargeRunBytes = 128L << 20;

    /// <summary>
    /// The region for small dtc runs. A board tree allocates a few MB (k3-j721e-evm as DTS 6.8 MB); the region
    /// commits that space up front, which the large pages need, and a small region keeps the GC's own tables for it
    /// small (128 MB of region cost about 100 page faults more than 16 MB, each ~10 µs on the machines measured).
    /// </summary>
    public const long SmallRunBytes = 16L << 20;

    /// <summary>
    /// A run is short and keeps most of what it allocates until it ends, so a collection in the middle (the first
    /// large buffer triggers a full one) costs more than it frees: measured on a 4,096-stream xen partial and the
    /// largest kernel board, 10-20 % of the CPU time. Nothing is collected for the first <paramref name="bytes"/>
    /// allocated; past that the region ends and the GC works as usual. Memory is used as it is touched, in 2 MB
    /// pages where Linux gives them (<see cref="HugeHeapPages"/>).
    /// </summary>
    public static void NoCollectionsWhileShort(long bytes = LargeRunBytes)
    {
        // asking again inside a region would end it (the runtime's answer to a second start)
        if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) return;
        try
        {
            if (!GC.TryStartNoGCRegion(bytes)) return;
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // A runtime that cannot reserve the region simply collects as usual.
            return;
        }
        HugeHeapPages.Advise();
    }

    /// <summary>
    /// Enters the region a run on <paramref name="path"/> needs (<see cref="RegionBytesFor"/>), at least
    /// <paramref name="atLeast"/> bytes of it; none if both are 0.
    /// </summary>
    public static void NoCollectionsForInput(string path, long atLeast = 0)
    {
        var bytes = Math.Max(RegionBytesFor(path), atLeast);
        if (bytes > 0) NoCollectionsWhileShort(bytes);
    }

    /// <summary>
    /// The region for an input file: <see cref="LargeRunBytes"/> from <see cref="LargeDtcInputBytes"/> on,
    /// <see cref="SmallRunBytes"/> from <see cref="SmallDtcInputBytes"/> on, else (also for stdin and paths that are
    /// no readable file) 0, no region.
    /// </summary>
    public static long RegionBytesFor(string path)
    {
        try
        {
            if (path != "-" && new FileInfo(path) is { Exists: true } file)
                return file.Length >= LargeDtcInputBytes ? LargeRunBytes : file.Length >= SmallDtcInputBytes ? SmallRunBytes : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // not a readable path: reading it reports that
        }
        return 0;
    }
}
