using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Overlay;

namespace Viommu.DtEngine.Tests.Overlay;

/// <summary>
/// Overlays applied as fdtoverlay applies them, on dtc's own overlay test sources and the cases in Sources/: every pair in pairs.txt
/// gives fdtoverlay's bytes (Expected/, made by regen-expected.sh) or, where fdtoverlay refuses, an error.
/// </summary>
public class OverlayTests
{
    private static readonly string Here = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Overlay");

    public static TheoryData<string> Pairs()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Here, "pairs.txt")).Where(l => l.Trim().Length > 0)) data.Add(line);
        return data;
    }

    /// <summary>A source of Sources/ (cases made here) or else of dtc's test suite.</summary>
    private static string Source(string name)
    {
        var local = Path.Combine(Here, "Sources", name + ".dts");
        return File.Exists(local) ? local : Path.Combine(TestPaths.DtcTests, name + ".dts");
    }

    private static byte[] Compile(string name)
    {
        var result = DtcDriver.Run(new DtcSettings
        {
            Input = Source(name),
            OutputFormat = "dtb",
            // forced, as regen-expected.sh compiles: a case may hold what the checks refuse (a phandle of 0xffffffff)
            Compile = new CompileOptions { GenerateSymbols = true, Force = true, Quiet = 1 },
        });
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        return result.Output!;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Applying_gives_fdtoverlays_bytes_or_its_refusal(string pair)
    {
        var names = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fdt = new FdtBlob(Compile(names[0]));
        var stem = Path.Combine(Here, "Expected", string.Join("+", names));
        try
        {
            foreach (var overlay in names.Skip(1)) OverlayApplier.Apply(fdt, new FdtBlob(Compile(overlay)));
        }
        catch (OverlayException e)
        {
            Assert.True(File.Exists(stem + ".fail"), $"refused, but fdtoverlay applies it: {e.Message}");
            return;
        }
        Assert.False(File.Exists(stem + ".fail"), "applied, but fdtoverlay refuses it");
        Assert.Equal(File.ReadAllBytes(stem + ".dtb"), fdt.Pack());
    }

    [Fact]
    public void A_missing_symbol_is_named()
    {
        var fdt = new FdtBlob(Compile("stacked_overlay_base_nolabel"));
        var e = Assert.Throws<OverlayException>(() => OverlayApplier.Apply(fdt, new FdtBlob(Compile("stacked_overlay_bar"))));
        Assert.Contains("the overlay refers to &", e.Message);
    }

    [Fact]
    public void Names_are_bytes_not_UTF8()
    {
        // a name byte that is not UTF-8 ("n\xe9w-property") is copied as it is, as libfdt copies it (fdtoverlay
        // 1.8.1 gives the same bytes for this pair); read as UTF-8 it became three bytes of U+FFFD
        var overlay = Compile("overlay_overlay");
        var at = overlay.AsSpan().IndexOf("new-property\0"u8);
        overlay[at + 1] = 0xe9;
        var fdt = new FdtBlob(Compile("overlay_base"));
        OverlayApplier.Apply(fdt, new FdtBlob(overlay));
        var plain = new FdtBlob(Compile("overlay_base"));
        OverlayApplier.Apply(plain, new FdtBlob(Compile("overlay_overlay")));
        var applied = fdt.Pack();
        Assert.Equal(plain.Pack().Length, applied.Length);
        Assert.True(applied.AsSpan().IndexOf(new byte[] { (byte)'n', 0xe9, (byte)'w', (byte)'-' }) > 0);
    }

    [Fact]
    public void A_reserve_map_entry_of_size_zero_ends_the_map_whatever_its_address()
    {
        // libfdt stops at the first entry of size 0 and keeps its bytes; both blobs here end their map with
        // address 0xffffffffffffffff, size 0 (fdtoverlay 1.8.1: the plain result with those 8 bytes set)
        static byte[] WithMarkedEnd(byte[] blob)
        {
            var map = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(16));
            blob.AsSpan(map, 8).Fill(0xff);
            return blob;
        }
        var fdt = new FdtBlob(WithMarkedEnd(Compile("overlay_base")));
        OverlayApplier.Apply(fdt, new FdtBlob(WithMarkedEnd(Compile("overlay_overlay"))));
        var plain = new FdtBlob(Compile("overlay_base"));
        OverlayApplier.Apply(plain, new FdtBlob(Compile("overlay_overlay")));
        Assert.Equal(WithMarkedEnd(plain.Pack()), fdt.Pack());
    }
}
