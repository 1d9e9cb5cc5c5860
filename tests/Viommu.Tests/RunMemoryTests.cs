using System.Globalization;
using System.Runtime;

namespace Viommu.Cli.Tests;

/// <summary>Changes the test process's GC mode, so it runs alone.</summary>
[CollectionDefinition(nameof(GcModeCollection), DisableParallelization = true)]
public sealed class GcModeCollection;

[Collection(nameof(GcModeCollection))]
public class RunMemoryTests
{
    [Fact]
    public void A_tiny_dtc_input_stdin_or_a_missing_file_gets_no_region()
    {
        using var dir = new TempDir();
        var tiny = dir.File("tiny.dts", "/dts-v1/;\n/ { };\n");
        Assert.Equal(0, RunMemory.RegionBytesFor(tiny));
        Assert.Equal(0, RunMemory.RegionBytesFor(dir.File("missing.dts")));
        Assert.Equal(0, RunMemory.RegionBytesFor("-"));
        Assert.Equal(0, RunMemory.RegionBytesFor(dir.Path));
        RunMemory.NoCollectionsForInput(tiny);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Theory]
    [InlineData(RunMemory.SmallDtcInputBytes - 1, 0)]
    [InlineData(RunMemory.SmallDtcInputBytes, RunMemory.SmallRunBytes)]
    [InlineData(RunMemory.LargeDtcInputBytes - 1, RunMemory.SmallRunBytes)]
    [InlineData(RunMemory.LargeDtcInputBytes, RunMemory.LargeRunBytes)]
    public void The_region_follows_the_input_size(long size, long region)
    {
        using var dir = new TempDir();
        var input = dir.File("input.dtb");
        File.WriteAllBytes(input, new byte[size]);
        Assert.Equal(region, RunMemory.RegionBytesFor(input));
    }

    [Fact]
    public void A_region_collects_nothing_and_the_heap_it_allocates_from_is_advised_for_large_pages()
    {
        RunMemory.NoCollectionsWhileShort(RunMemory.SmallRunBytes);
        try
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            // where the kernel has transparent huge pages, the mappings the GC now allocates from carry the advice
            if (!Directory.Exists("/sys/kernel/mm/transparent_hugepage")) return;
            Assert.Contains("hg", VmFlagsAt(NewObjectAddress(new byte[16])));
            Assert.Contains("hg", VmFlagsAt(NewObjectAddress(new byte[100_000])));
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    [Fact]
    public void Entering_the_region_twice_is_not_an_error()
    {
        RunMemory.NoCollectionsWhileShort(RunMemory.SmallRunBytes);
        try
        {
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            RunMemory.NoCollectionsWhileShort(RunMemory.SmallRunBytes);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    private static nint NewObjectAddress(byte[] array)
    {
        var handle = System.Runtime.InteropServices.GCHandle.Alloc(array, System.Runtime.InteropServices.GCHandleType.Pinned);
        try
        {
            return handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>The VmFlags of the mapping holding <paramref name="address"/>, from /proc/self/smaps.</summary>
    private static string[] VmFlagsAt(nint address)
    {
        var inside = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var dash = line.IndexOf('-');
            var space = line.IndexOf(' ');
            if (dash > 0 && space > dash && ulong.TryParse(line.AsSpan(0, dash), NumberStyles.HexNumber, null, out var start)
                && ulong.TryParse(line.AsSpan(dash + 1, space - dash - 1), NumberStyles.HexNumber, null, out var end))
                inside = (ulong)address >= start && (ulong)address < end;
            else if (inside && line.StartsWith("VmFlags:", StringComparison.Ordinal))
                return line["VmFlags:".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        throw new InvalidOperationException($"no mapping holds 0x{address:x}");
    }
}
