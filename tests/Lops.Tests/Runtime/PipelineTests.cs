using Viommu.Lops.Plugins;
using Viommu.Lops.Runtime;
using static Viommu.Lops.Tests.Runtime.LopHarness;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Ordering, outputs, errors and plugins of the pipeline.</summary>
public sealed class PipelineTests
{
    [Fact]
    public void Files_run_by_priority_then_in_order()
    {
        var late = LopFile("p { compatible = \"system-device-tree-v1,lop,print\"; print = \"second\"; };", priority: 7);
        var early = LopFile("p { compatible = \"system-device-tree-v1,lop,print\"; print = \"first\"; };", priority: 2);
        var o = Run(Tree, late, early);
        Assert.Equal("first\nsecond\n", o.Printed);
    }

    [Fact]
    public void Noexec_and_cond_skip_lops()
    {
        var o = Run(Tree, LopFile("""
            a: a { compatible = "system-device-tree-v1,lop,select-v1"; select_1; select_2 = "/nothing"; };
            b { compatible = "system-device-tree-v1,lop,print"; cond = <&a>; print = "never"; };
            c { compatible = "system-device-tree-v1,lop,print"; noexec; print = "never"; };
            d { compatible = "system-device-tree-v1,lop,print"; print = "always"; };
            """));
        Assert.Equal("always\n", o.Printed);
    }

    [Fact]
    public void Output_lops_write_the_nodes_asked_for()
    {
        var o = Run(Tree, LopFile("""
            o { compatible = "system-device-tree-v1,lop,output"; outfile = "uarts.dts"; nodes = "serial@"; };
            w { compatible = "system-device-tree-v1,lop,output"; outfile = "all.dtb"; nodes = "*"; };
            """));
        Assert.True(o.Ok, o.Messages);
        var uarts = File.ReadAllText(Path.Combine(o.Folder, "uarts.dts"));
        Assert.Contains("serial@1000", uarts);
        Assert.Contains("serial@2000", uarts);
        Assert.DoesNotContain("ethernet", uarts);
        Assert.Equal(0xd0, File.ReadAllBytes(Path.Combine(o.Folder, "all.dtb"))[0]);
    }

    [Fact]
    public void A_failing_lop_is_located_and_nothing_is_written()
    {
        var o = Run(Tree, LopFile("""
            o { compatible = "system-device-tree-v1,lop,output"; outfile = "early.dts"; nodes = "*"; };
            bad { compatible = "system-device-tree-v1,lop,modify"; modify = "/no/such/node::"; };
            """));
        Assert.False(o.Ok);
        Assert.Matches(@"lop0\.dts:\d+:\d+: error: lop 'bad' \(system-device-tree-v1,lop,modify\): no nodes found for '/no/such/node' \[node /no/such/node\]", o.Messages);
        Assert.False(File.Exists(Path.Combine(o.Folder, "early.dts")));
        Assert.False(File.Exists(Path.Combine(o.Folder, "out.dts")));
    }

    [Theory]
    [InlineData("x { compatible = \"system-device-tree-v1,lop,frobnicate\"; };", "unknown lop type 'system-device-tree-v1,lop,frobnicate'")]
    [InlineData("x { compatible = \"system-device-tree-v1,lop,modify\"; modify = \"justtext\"; };", "bad modify string 'justtext'")]
    [InlineData("x { compatible = \"system-device-tree-v1,lop,select-v1\"; select_1 = \"/(:a:b\"; };", "bad regular expression '/('")]
    [InlineData("x { compatible = \"system-device-tree-v1,lop,code-v1\"; code = \"print(1)\"; };", "lop 'x' (system-device-tree-v1,lop,code-v1): this lop runs inline Python")]
    [InlineData("x { compatible = \"system-device-tree-v1,lop,output\"; nodes = \"*\"; };", "lop 'x' needs the option 'outfile'")]
    public void Lop_file_mistakes_give_located_messages(string lop, string expected)
    {
        var o = Run(Tree, LopFile(lop));
        Assert.False(o.Ok);
        Assert.Contains(expected, o.Messages);
        Assert.Matches(@"lop0\.dts:\d+:\d+: error:", o.Messages);
    }

    [Fact]
    public void A_YAML_pipeline_does_what_the_DTS_lop_file_does()
    {
        var yaml = """
            lops:
              - type: select
                select: ["", "/amba/.*:compatible:arm,pl011", ":status:okay"]
              - type: modify
                modify: ":tag:hit"
              - type: modify
                modify: "/cpus::cpus_a72"
            """;
        var dts = LopFile("""
            s { compatible = "system-device-tree-v1,lop,select-v1"; select_1; select_2 = "/amba/.*:compatible:arm,pl011"; select_3 = ":status:okay"; };
            m { compatible = "system-device-tree-v1,lop,modify"; modify = ":tag:hit"; };
            r { compatible = "system-device-tree-v1,lop,modify"; modify = "/cpus::cpus_a72"; };
            """);
        var a = Run(Tree, yaml);
        var b = Run(Tree, dts);
        Assert.True(a.Ok, a.Messages);
        Assert.Equal(Dts(b.Tree), Dts(a.Tree));
        Assert.Contains("tag = \"hit\"", Dts(a.Tree));
    }

    [Fact]
    public void YAML_mistakes_are_located()
    {
        var e = Assert.Throws<YamlInputException>(() => YamlLopReader.Parse("lops:\n  - name: x\n", "p.yaml"));
        Assert.StartsWith("p.yaml:2:5: error: a lop needs 'type'", e.Message);
        e = Assert.Throws<YamlInputException>(() => YamlLopReader.Parse("lop: []\n", "p.yaml"));
        Assert.StartsWith("p.yaml:1:1: error: unknown key 'lop'", e.Message);
    }

    [Fact]
    public void The_sample_plugin_loads_and_runs_through_an_assist_lop()
    {
        var dll = Directory.GetFiles(Path.Combine(RepoPaths.Root, "examples", "plugins", "StampLop", "bin"), "StampLop.dll", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).First();
        var registry = Registry();
        var lops = PluginLoading.LoadDirectory(Path.GetDirectoryName(dll)!, registry);
        Assert.Equal("example,stamp", Assert.Single(lops).Compatibles[0]);
        Assert.Same(lops[0], registry.Find("example,stamp"));

        var tree = Viommu.DtEngine.Compile.TreeLoader.LoadText(Tree, new Viommu.DtEngine.Diagnostics.DiagnosticBag())!;
        var session = new LopSession(tree, registry);
        var assist = new LopSpec("a", "system-device-tree-v1,lop,assist-v1", "t", null);
        assist.Options.Add(new("node", LopValue.Text("/amba/serial@1000")));
        assist.Options.Add(new("id", LopValue.Text("example,stamp")));
        assist.Options.Add(new("options", LopValue.Text("from-assist")));
        Assert.True(Pipeline.Run(session, new[] { new LopFile("t", 5, new[] { assist }) }, writeOutputs: false),
            string.Join("\n", session.Diagnostics.Items.Select(d => d.Display)));
        Assert.Equal("\"from-assist\"", Prop(tree, "/amba/serial@1000", "stamp"));
    }
}
