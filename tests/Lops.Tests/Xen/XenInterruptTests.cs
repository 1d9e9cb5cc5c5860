namespace Viommu.Lops.Tests.Xen;

/// <summary>
/// The host interrupts a passthrough device brings to xl.cfg's irqs: GICs of 3 and 4 cells (a GICv3 with PPI
/// partitions, as on RK3588), interrupts-extended, and interrupts that do not go to a GIC.
/// </summary>
public sealed class XenInterruptTests
{
    private const string Host = """
        /dts-v1/;
        / {
            #address-cells = <2>; #size-cells = <2>;
            gic4: interrupt-controller@fe600000 { compatible = "arm,gic-v3"; reg = <0 0xfe600000 0 0x10000>; interrupt-controller; #interrupt-cells = <4>; };
            gic3: interrupt-controller@fe700000 { compatible = "arm,gic-400"; reg = <0 0xfe700000 0 0x10000>; interrupt-controller; #interrupt-cells = <3>; };
            intc: interrupt-controller@fe800000 { compatible = "vendor,intc"; reg = <0 0xfe800000 0 0x1000>; interrupt-controller; #interrupt-cells = <2>; };
            smmu: iommu@4f000000 { compatible = "arm,smmu-v3"; reg = <0 0x4f000000 0 0x40000>; #iommu-cells = <1>; };
            four@10000000 { reg = <0 0x10000000 0 0x1000>; iommus = <&smmu 0x10>; interrupt-parent = <&gic4>; interrupts = <0 100 4 0>, <0 101 4 0>; };
            three@10001000 { reg = <0 0x10001000 0 0x1000>; iommus = <&smmu 0x11>; interrupt-parent = <&gic3>; interrupts = <0 7 4>; };
            extended@10002000 { reg = <0 0x10002000 0 0x1000>; iommus = <&smmu 0x12>;
                interrupts-extended = <&gic4 0 102 4 0>, <&intc 5 1>, <&gic3 0 103 4>; };
            ppi@10003000 { reg = <0 0x10003000 0 0x1000>; iommus = <&smmu 0x13>; interrupt-parent = <&gic4>; interrupts = <1 9 4 0>; };
            short@10004000 { reg = <0 0x10004000 0 0x1000>; iommus = <&smmu 0x14>; interrupt-parent = <&gic4>; interrupts = <0 100 4>; };
        };
        """;

    private static (bool Ok, string Messages, string XlConfig) Run(string hostNode)
    {
        var name = hostNode.Split('@')[0];
        var (ok, messages, _, xl) = XenPartialHarness.Run(Host, $$"""
            /dts-v1/;
            / { #address-cells = <2>; #size-cells = <2>;
                passthrough { compatible = "simple-bus"; ranges; #address-cells = <2>; #size-cells = <2>;
                    {{name}}@20000000 { reg = <0 0x20000000 0 0x1000>; xen,path = "/{{hostNode}}"; };
                };
            };
            """);
        return (ok, messages, xl);
    }

    [Fact]
    public void A_four_cell_GICv3_gives_its_SPIs()
    {
        var (ok, messages, xl) = Run("four@10000000");
        Assert.True(ok, messages);
        Assert.Contains("irqs = [ 132, 133 ]", xl);
    }

    [Fact]
    public void A_three_cell_GIC_gives_its_SPIs()
    {
        var (ok, messages, xl) = Run("three@10001000");
        Assert.True(ok, messages);
        Assert.Contains("irqs = [ 39 ]", xl);
    }

    [Fact]
    public void Interrupts_extended_lists_the_GIC_entries_and_warns_about_the_others()
    {
        var (ok, messages, xl) = Run("extended@10002000");
        Assert.True(ok, messages);
        Assert.Contains("irqs = [ 134, 135 ]", xl);
        Assert.Contains("interrupt 1 of /extended@10002000 goes to /interrupt-controller@fe800000, not the GIC; it is not listed", messages);
    }

    [Fact]
    public void A_PPI_is_refused_with_its_index()
    {
        var (ok, messages, _) = Run("ppi@10003000");
        Assert.False(ok);
        Assert.Contains("interrupt 0 is not an SPI (type 1); only SPIs can be passed through", messages);
    }

    [Fact]
    public void Specifiers_shorter_than_the_GIC_takes_are_refused()
    {
        var (ok, messages, _) = Run("short@10004000");
        Assert.False(ok);
        Assert.Contains("interrupts must be GIC specifiers of 4 cells", messages);
    }
}
