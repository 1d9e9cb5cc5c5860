using static Viommu.Lops.Tests.Runtime.LopHarness;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>An output lop writing some nodes as DTS treats phandles to nodes left out as Lopper prints them strictly.</summary>
public sealed class OutputPhandleTests
{
    private const string Tree = """
        /dts-v1/;
        / {
            #address-cells = <1>; #size-cells = <1>;
            smmu: iommu@100 { reg = <0x100 0x10>; #iommu-cells = <1>; };
            pd: power@200 { reg = <0x200 0x10>; #power-domain-cells = <1>; };
            clk: clock@300 { reg = <0x300 0x10>; #clock-cells = <0>; };
            pd2: power@400 { reg = <0x400 0x10>; #power-domain-cells = <1>; };
            dev: dma@500 {
                reg = <0x500 0x10>;
                iommus = <&smmu 0x10>, <&smmu 0x11>;
                power-domains = <&pd2 1>, <&pd 2>, <&pd2 3>;
                clocks = <&clk>;
                resets = <&pd 7>;
            };
        };
        """;

    private static string Output(bool permissive)
    {
        var lops = LopFile("""
            o { compatible = "system-device-tree-v1,lop,output"; outfile = "out-sub.dts"; nodes = "dma@500", "power@400"; };
            """);
        var r = Run(permissive, Tree, lops);
        Assert.True(r.Ok, r.Messages);
        return File.ReadAllText(Path.Combine(r.Folder, "out-sub.dts"));
    }

    [Fact]
    public void Records_pointing_outside_the_output_are_dropped()
    {
        var dts = Output(permissive: false);
        Assert.DoesNotContain("iommus", dts);                 // every record pointed at the left-out SMMU
        Assert.DoesNotContain("resets", dts);
        Assert.Contains("power-domains = <&pd2 0x01 &pd2 0x03>;", dts); // the record for the left-out pd is gone
        Assert.Contains("clocks = <0x", dts);                  // #clock-cells unknown: Lopper prints it as it is
    }

    [Fact]
    public void Permissive_runs_keep_them()
    {
        var dts = Output(permissive: true);
        Assert.Contains("iommus = <0x", dts);
        Assert.Contains("resets = <0x", dts);
        Assert.Contains("power-domains = <&pd2 0x01>, <0x03 0x02>, <&pd2 0x03>;", dts);
    }

    [Fact]
    public void A_hostile_cells_value_leaves_the_property_alone()
    {
        var tree = Tree.Replace("#clock-cells = <0>;", "#clock-cells = <0xffffffff>;").Replace("clocks = <&clk>;", "clocks = <&clk 1 2>;");
        var r = Run(false, tree, LopFile("""
            o { compatible = "system-device-tree-v1,lop,output"; outfile = "all.dts"; nodes = "clock@300", "dma@500"; };
            """));
        Assert.True(r.Ok, r.Messages);
        Assert.Contains("clocks = <&clk 0x01 0x02>;", File.ReadAllText(Path.Combine(r.Folder, "all.dts")));
    }
}
