namespace Viommu.Cli.Tests;

/// <summary>viommu overlay through the real command: fdtoverlay's options, output bytes and refusals.</summary>
public class OverlayCommandTests
{
    private static string Corpus(string name)
    {
        var path = Repo.DtcTest(name);
        return File.Exists(path) ? path : throw new FileNotFoundException(path);
    }

    /// <summary>Compiles dtc's test sources of these names into blobs (with symbols) in the folder.</summary>
    private static void Compile(TempDir t, params string[] names)
    {
        foreach (var n in names)
            Assert.Equal(0, Cli.Run(t.Path, "dtc", "-@", "-O", "dtb", "-o", t.File(n + ".dtb"), Corpus(n + ".dts")).ExitCode);
    }

    /// <summary>A folder holding dtc's stacked_overlay_base and stacked_overlay_bar as blobs.</summary>
    private static TempDir BaseAndBar()
    {
        var t = new TempDir();
        Compile(t, "stacked_overlay_base", "stacked_overlay_bar");
        return t;
    }

    [Fact]
    public void Stacked_overlays_give_fdtoverlays_bytes()
    {
        using var t = new TempDir();
        Compile(t, "stacked_overlay_base", "stacked_overlay_bar", "stacked_overlay_baz");
        var r = Cli.Run(t.Path, "overlay", "-i", "stacked_overlay_base.dtb", "-o", "out.dtb", "stacked_overlay_bar.dtb", "stacked_overlay_baz.dtb");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repo.Root, "tests", "DtEngine.Tests", "Overlay", "Expected", "stacked_overlay_base+stacked_overlay_bar+stacked_overlay_baz.dtb")),
            File.ReadAllBytes(t.File("out.dtb")));
    }

    [Fact]
    public void A_base_or_an_overlay_named_dash_is_read_from_standard_input()
    {
        using var t = BaseAndBar();
        var files = Cli.Run(t.Path, "overlay", "-i", "stacked_overlay_base.dtb", "-o", "-", "stacked_overlay_bar.dtb");
        Assert.Equal(0, files.ExitCode);
        var baseIn = Cli.Run(t.Path, File.ReadAllBytes(t.File("stacked_overlay_base.dtb")), "overlay", "-i", "-", "-o", "-", "stacked_overlay_bar.dtb");
        Assert.Equal("", baseIn.Stderr);
        Assert.Equal(files.Stdout, baseIn.Stdout);
        var overlayIn = Cli.Run(t.Path, File.ReadAllBytes(t.File("stacked_overlay_bar.dtb")), "overlay", "-i", "stacked_overlay_base.dtb", "-o", "-", "-");
        Assert.Equal(files.Stdout, overlayIn.Stdout);
    }

    [Fact]
    public void A_write_that_fails_gives_fdtoverlays_two_messages()
    {
        using var t = BaseAndBar();
        var r = Cli.Run(t.Path, "overlay", "-i", "stacked_overlay_base.dtb", "-o", "/dev/full", "stacked_overlay_bar.dtb");
        Assert.Equal(1, r.ExitCode);
        // fdtoverlay 1.8.1's bytes
        Assert.Equal("Couldn't write blob to '/dev/full': No space left on device\n\nFailed to write '/dev/full'\n", r.Stderr);
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

    private const string Base = "/dts-v1/;\n/ { a: node { x = <1>; }; };\n";
    private const string Plugin = "/dts-v1/;\n/plugin/;\n&a { y = <2>; };\n";

    /// <summary>Compiles <paramref name="source"/> with -@ as a version <paramref name="version"/> blob, then sets its
    /// last compatible version.</summary>
    private static string Blob(TempDir t, string name, string source, int version, uint lastCompatible)
    {
        Assert.Equal(0, Cli.Run(t.Path, "dtc", "-q", "-@", "-V", version.ToString(), "-O", "dtb", "-o", name, t.File(name + ".dts", source)).ExitCode);
        var bytes = File.ReadAllBytes(t.File(name));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), lastCompatible);
        File.WriteAllBytes(t.File(name), bytes);
        return name;
    }

    [Theory]
    // libfdt's fdt_ro_probe_ refuses a last compatible version past 17 in either blob (fdtoverlay: FDT_ERR_BADVERSION)
    [InlineData(true, 17, 18u, "its last compatible version is 18")]
    [InlineData(false, 17, 18u, "its last compatible version is 18")]
    // fdt_open_into copies a base of version 16 or later only
    [InlineData(true, 3, 1u, "it is a version 3 blob; libfdt opens a base blob of version 16 or later")]
    // an overlay with full-path node names: fdtoverlay finds none of its fragments and applies nothing
    [InlineData(false, 3, 1u, "it is a version 3 blob, which names nodes by full path")]
    public void Blobs_of_versions_libfdt_does_not_apply_are_refused(bool asBase, int version, uint lastCompatible, string reason)
    {
        using var t = new TempDir();
        var baseBlob = asBase ? Blob(t, "base.dtb", Base, version, lastCompatible) : Blob(t, "base.dtb", Base, 17, 16);
        // version 3 with -@ would crash dtc 1.8.1 (its __symbols__ node has no full path); the overlay has no labels
        var overlay = asBase ? Blob(t, "ov.dtbo", Plugin, 17, 16) : Blob(t, "ov.dtbo", version < 16 ? "/dts-v1/;\n/plugin/;\n/ { fragment@0 { target-path = \"/node\"; __overlay__ { y = <2>; }; }; };\n" : Plugin, version, lastCompatible);
        var r = Cli.Run(t.Path, "overlay", "-i", baseBlob, "-o", "out.dtb", overlay);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"{(asBase ? baseBlob : overlay)}: error: cannot use it as the {(asBase ? "base" : "overlay")} blob: {reason}", r.Stderr);
        Assert.False(File.Exists(t.File("out.dtb")));
    }

    [Fact]
    public void Version_16_blobs_are_applied_as_version_17_ones_are()
    {
        using var t = new TempDir();
        var r16 = Cli.Run(t.Path, "overlay", "-i", Blob(t, "base16.dtb", Base, 16, 16), "-o", "out16.dtb", Blob(t, "ov16.dtbo", Plugin, 16, 16));
        var r17 = Cli.Run(t.Path, "overlay", "-i", Blob(t, "base17.dtb", Base, 17, 16), "-o", "out17.dtb", Blob(t, "ov17.dtbo", Plugin, 17, 16));
        Assert.Equal(0, r16.ExitCode);
        Assert.Equal(0, r17.ExitCode);
        // fdt_open_into makes the copy a version 17 blob: the outputs are the same bytes
        Assert.Equal(File.ReadAllBytes(t.File("out17.dtb")), File.ReadAllBytes(t.File("out16.dtb")));
        Assert.Contains("y = <0x02>;", Cli.Run(t.Path, "dtc", "-q", "-I", "dtb", "-O", "dts", "out16.dtb").StdoutText);
    }
}
