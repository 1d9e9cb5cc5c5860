namespace Viommu.Cli.Tests;

/// <summary>viommu overlay through the real command: fdtoverlay's options, output bytes and refusals.</summary>
public class OverlayCommandTests
{
    private static string Corpus(string name)
    {
        var path = Repo.DtcTest(name);
        return File.Exists(path) ? path : throw new FileNotFoundException(path);
    }

    [Fact]
    public void Stacked_overlays_give_fdtoverlays_bytes()
    {
        using var t = new TempDir();
        foreach (var n in new[] { "stacked_overlay_base", "stacked_overlay_bar", "stacked_overlay_baz" })
            Assert.Equal(0, Cli.Run(t.Path, "dtc", "-@", "-O", "dtb", "-o", t.File(n + ".dtb"), Corpus(n + ".dts")).ExitCode);
        var r = Cli.Run(t.Path, "overlay", "-i", "stacked_overlay_base.dtb", "-o", "out.dtb", "stacked_overlay_bar.dtb", "stacked_overlay_baz.dtb");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "tests", "DtEngine.Tests", "Overlay", "Expected", "stacked_overlay_base+stacked_overlay_bar+stacked_overlay_baz.dtb")),
            File.ReadAllBytes(t.File("out.dtb")));
    }

    [Fact]
    public void A_corrupt_overlay_is_named_with_its_byte_offset_and_nothing_is_written()
    {
        using var t = new TempDir();
        Assert.Equal(0, Cli.Run(t.Path, "dtc", "-@", "-O", "dtb", "-o", t.File("base.dtb"), Corpus("stacked_overlay_base.dts")).ExitCode);
        var bytes = File.ReadAllBytes(t.File("base.dtb"));
        bytes[8] = 0xff; // off_dt_struct far past the end
        File.WriteAllBytes(t.File("bad.dtbo"), bytes);
        var r = Cli.Run(t.Path, "overlay", "-i", "base.dtb", "-o", "out.dtb", "bad.dtbo");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("bad.dtbo", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(t.File("out.dtb")));
    }
}
