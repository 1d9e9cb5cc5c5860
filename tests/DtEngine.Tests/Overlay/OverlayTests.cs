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
            Compile = new CompileOptions { GenerateSymbols = true },
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
}
