namespace Viommu.Cli.Tests;

/// <summary>viommu xen partial / xen validate / lopper / run through the real command: exit codes, files, messages.</summary>
public class XenAndLopperCommandTests
{
    private static string Proposal => Path.Combine(Repo.Root, "examples", "xen", "proposal-2022");

    /// <summary>xen partial on the proposal's host and partial tree, with these output options.</summary>
    private static Cli.Result Partial(params string[] outputs) =>
        Cli.Run(Proposal, ["xen", "partial", "--host", "host.dts", "partial.dts", .. outputs]);

    [Fact]
    public void Xen_partial_writes_tree_xl_and_map_then_validate_accepts_them()
    {
        using var t = new TempDir();
        var r = Partial("-o", t.File("out.dtb"), "--xl-cfg", t.File("xl.cfg"), "--map", t.File("map.json"));
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Equal(0xd0, File.ReadAllBytes(t.File("out.dtb"))[0]);
        Assert.Contains("\"0x10@0x01,0x4f000000\"", File.ReadAllText(t.File("xl.cfg")));
        var v = Cli.Run(Proposal, "xen", "validate", "--host", "host.dts", "--partial", t.File("out.dtb"), "--xl-cfg", t.File("xl.cfg"));
        Assert.Equal(0, v.ExitCode);
        Assert.StartsWith("ok: every stream matches the host tree", v.StdoutText);
    }

    [Fact]
    public void Xen_partial_writes_any_one_output_named_dash_to_stdout_and_refuses_two()
    {
        using var t = new TempDir();
        var files = Partial("-o", t.File("out.dts"), "--xl-cfg", t.File("xl.cfg"), "--map", t.File("map.json"));
        Assert.Equal(0, files.ExitCode);
        var xl = Partial("-o", t.File("out2.dts"), "--xl-cfg", "-");
        Assert.Equal(0, xl.ExitCode);
        Assert.Equal(File.ReadAllBytes(t.File("xl.cfg")), xl.Stdout);
        Assert.Equal(File.ReadAllBytes(t.File("out.dts")), File.ReadAllBytes(t.File("out2.dts")));
        var map = Partial("-o", t.File("out3.dts"), "--map", "-");
        Assert.Equal(File.ReadAllBytes(t.File("map.json")), map.Stdout);
        Assert.False(File.Exists(Path.Combine(Proposal, "-")));

        var two = Partial("-o", "-", "--xl-cfg", "-");
        Assert.Equal(1, two.ExitCode);
        Assert.Equal("error: 2 outputs are '-': only one can go to standard output\n", two.Stderr);
        Assert.Empty(two.Stdout);
    }

    [Fact]
    public void Xen_validate_lists_mismatches_and_fails()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("xl.cfg"), "viommu = \"smmuv3\"\niommu_devid_map = [ \"0x11@0x01,0x4f000000\", \"0x10@0x01,0x4f000000\" ]\n");
        var v = Cli.Run(Proposal, "xen", "validate", "--host", "host.dts", "--partial", Path.Combine(Proposal, "partial.dts"), "--xl-cfg", t.File("xl.cfg"));
        Assert.Equal(1, v.ExitCode);
        Assert.Contains("mismatch: iommu_devid_map: vSID 0x1 appears 2 times", v.StdoutText);
        Assert.Contains("pSID 0x11, which is not the device's (0x10)", v.StdoutText);
    }

    [Fact]
    public void Xen_validate_places_a_fault_of_a_DTS_partial_where_it_was_written()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("p.dts"), "/dts-v1/;\n/ {\n\tpassthrough {\n\t\tx { xen,path = \"/missing\"; };\n\t};\n};\n");
        File.WriteAllText(t.File("xl.cfg"), "viommu = \"smmuv3\"\niommu_devid_map = [ \"0x10@0x01,0x4f000000\" ]\n");
        var v = Cli.Run(Proposal, "xen", "validate", "--host", "host.dts", "--partial", t.File("p.dts"), "--xl-cfg", t.File("xl.cfg"));
        Assert.Equal(1, v.ExitCode);
        // line 4, column 7: after two tabs and "x { "
        Assert.Contains($"mismatch: {t.File("p.dts")}:4:7: lop 'resolve' (xen,resolve-streams): xen,path \"/missing\" does not exist in the host tree [node /passthrough/x]", v.StdoutText);
    }

    [Fact]
    public void Xen_partial_on_bad_input_names_the_node_writes_nothing_and_fails()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("p.dts"), "/dts-v1/;\n/ { passthrough { x { xen,path = \"/missing\"; }; }; };\n");
        var r = Cli.Run(Proposal, "xen", "partial", "--host", "host.dts", t.File("p.dts"), "-o", t.File("out.dts"));
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("xen,path \"/missing\" does not exist in the host tree [node /passthrough/x]", r.Stderr);
        Assert.DoesNotContain("   at ", r.Stderr);
        Assert.False(File.Exists(t.File("out.dts")));
    }

    [Fact]
    public void Xl_cfg_syntax_errors_are_located()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("xl.cfg"), "viommu = \"smmuv3\"\niommu_devid_map = [ \"0x10@0x01,0x4f000000\"\n");
        var v = Cli.Run(Proposal, "xen", "validate", "--host", "host.dts", "--partial", "partial.dts", "--xl-cfg", t.File("xl.cfg"));
        Assert.Equal(1, v.ExitCode);
        Assert.Contains("xl.cfg:3:1: error: unterminated list for 'iommu_devid_map'", v.Stderr);
    }

    [Fact]
    public void Lopper_runs_a_lop_file_and_refuses_to_overwrite_without_force()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("lop.dts"), "/dts-v1/;\n/ { compatible = \"system-device-tree-v1,lop\"; lops { m { compatible = \"system-device-tree-v1,lop,modify\"; modify = \"/test@10000000:status:disabled\"; }; }; };\n");
        var r = Cli.Run(Proposal, "lopper", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts", t.File("out.dts"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("status = \"disabled\";", File.ReadAllText(t.File("out.dts")));
        var again = Cli.Run(Proposal, "lopper", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts", t.File("out.dts"));
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("use -f to overwrite it", again.Stderr);
        Assert.Equal(0, Cli.Run(Proposal, "lopper", "-f", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts", t.File("out.dts")).ExitCode);
    }

    private const string OutputSmmuLop = "/dts-v1/;\n/ { compatible = \"system-device-tree-v1,lop\"; lops { o { compatible = \"system-device-tree-v1,lop,output\"; outfile = \"smmu.dts\"; nodes = \"iommu@4f000000\"; }; }; };\n";

    [Fact]
    public void Lopper_dryrun_runs_the_lops_and_writes_nothing()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("lop.dts"), OutputSmmuLop);
        var r = Cli.Run(Proposal, "lopper", "--dryrun", "-v", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts", t.File("out.dts"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("dryrun: ", r.Stderr);
        Assert.False(File.Exists(t.File("out.dts")));
        Assert.False(File.Exists(t.File("smmu.dts")));
    }

    [Fact]
    public void Lopper_W_invalid_phandle_warns_where_an_output_drops_dangling_records()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("lop.dts"), OutputSmmuLop);
        // The SMMU's interrupt-parent points at the GIC, which the output leaves out.
        var quiet = Cli.Run(Proposal, "lopper", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts");
        Assert.Equal(0, quiet.ExitCode);
        Assert.DoesNotContain("invalid_phandle", quiet.Stderr);
        Assert.DoesNotContain("interrupt-parent", File.ReadAllText(t.File("smmu.dts")));
        var warned = Cli.Run(Proposal, "lopper", "-f", "-W", "invalid_phandle", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts");
        Assert.Equal(0, warned.ExitCode);
        Assert.Contains("warning: lop 'o': invalid_phandle: smmu.dts: /iommu@4f000000:interrupt-parent", warned.Stderr);
    }

    [Fact]
    public void Lopper_symbols_gives_a_DTS_input_its_symbols()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("lop.dts"), "/dts-v1/;\n/ { compatible = \"system-device-tree-v1,lop\"; lops { m { compatible = \"system-device-tree-v1,lop,modify\"; modify = \"/test@10000000:status:okay\"; }; }; };\n");
        Assert.Equal(0, Cli.Run(Proposal, "lopper", "--symbols", "-O", t.Path, "-i", t.File("lop.dts"), "host.dts", t.File("out.dts")).ExitCode);
        Assert.Contains("__symbols__", File.ReadAllText(t.File("out.dts")));
        Assert.Contains("gic = \"/interrupt-controller@2f000000\";", File.ReadAllText(t.File("out.dts")));
    }

    [Fact]
    public void Run_executes_a_YAML_pipeline()
    {
        using var t = new TempDir();
        File.WriteAllText(t.File("p.yaml"), $"input: {Path.Combine(Proposal, "host.dts")}\noutput: out.yaml\nlops:\n  - type: modify\n    modify: \"/test@10000000:status:okay\"\n");
        var r = Cli.Run(t.Path, "run", t.File("p.yaml"));
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("status: \"okay\"", File.ReadAllText(t.File("out.yaml")));
    }
}
