using System.Runtime;

namespace Viommu.Cli.Tests;

/// <summary>Changes the test process's GC mode, so it runs alone.</summary>
[CollectionDefinition(nameof(GcModeCollection), DisableParallelization = true)]
public sealed class GcModeCollection;

[Collection(nameof(GcModeCollection))]
public class RunMemoryTests
{
    [Fact]
    public void A_dtc_input_below_the_threshold_leaves_the_gc_as_it_is()
    {
        using var dir = new TempDir();
        var small = dir.File("small.dts", "/dts-v1/;\n/ { };\n");
        RunMemory.NoCollectionsWhenFileAtLeast(small, RunMemory.LargeDtcInputBytes);
        RunMemory.NoCollectionsWhenFileAtLeast(dir.File("missing.dts"), RunMemory.LargeDtcInputBytes);
        RunMemory.NoCollectionsWhenFileAtLeast("-", RunMemory.LargeDtcInputBytes);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_dtc_input_at_the_threshold_runs_without_collections()
    {
        using var dir = new TempDir();
        var large = dir.File("large.dtb");
        File.WriteAllBytes(large, new byte[RunMemory.LargeDtcInputBytes]);
        RunMemory.NoCollectionsWhenFileAtLeast(large, RunMemory.LargeDtcInputBytes);
        try
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }
}
