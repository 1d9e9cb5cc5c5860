using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.Lops.Xen;

namespace Viommu.Lops.Tests.Xen;

/// <summary>Bad hosts and partial trees give errors that name the node; nothing is written.</summary>
public sealed class XenErrorTests
{
    private const string Host = """
        /dts-v1/;
        / {
            #address-cells = <2>; #size-cells = <2>;
            smmu: iommu@4f000000 { compatible = "arm,smmu-v3"; reg = <0 0x4f000000 0 0x40000>; #iommu-cells = <1>; };
            smmu2: iommu@5f000000 { compatible = "arm,smmu-v3"; reg = <0 0x5f000000 0 0x40000>; #iommu-cells = <1>; };
            v2: iommu@6f000000 { compatible = "arm,mmu-500", "arm,smmu-v2"; reg = <0 0x6f000000 0 0x40000>; #iommu-cells = <2>; };
            a@10000000 { reg = <0 0x10000000 0 0x1000>; iommus = <&smmu 0x10>; };
            b@10001000 { reg = <0 0x10001000 0 0x1000>; iommus = <&smmu 0x10>; };
            c@10002000 { reg = <0 0x10002000 0 0x1000>; iommus = <&v2 0x10 0x0>; };
            d@10003000 { reg = <0 0x10003000 0 0x1000>; };
            e@10004000 { reg = <0 0x10004000 0 0x1000>; iommus = <&smmu2 0x10>; };
        };
        """;

    private static (bool Ok, string Messages, string Output) Run(string partialBody, XenOptions? options = null)
    {
        var (ok, messages, output, _) = XenPartialHarness.Run(Host,
            "/dts-v1/;\n/ { #address-cells = <2>; #size-cells = <2>;\n passthrough { compatible = \"simple-bus\"; ranges; #address-cells = <2>; #size-cells = <2>;\n" + partialBody + "\n}; };\n",
            options);
        return (ok, messages, output);
    }

    [Fact]
    public void A_missing_xen_path_is_named()
    {
        var (ok, messages, _) = Run("x@1 { xen,path = \"/nope\"; };");
        Assert.False(ok);
        Assert.Contains("xen,path \"/nope\" does not exist in the host tree [node /passthrough/x@1]", messages);
    }

    [Fact]
    public void An_error_about_a_DTS_input_is_placed_where_the_property_was_written()
    {
        // the partial tree's property: line 4 of the partial source, column 7
        var (_, partial, _) = Run("x@1 { xen,path = \"/nope\"; };");
        Assert.Matches(@"(^|/)partial\.dts:4:7: error: <built-in xen pipeline>: lop 'lop_1' \(xen,resolve-streams\): xen,path ""/nope"" does not exist", partial);
        // the host tree's: the device's iommus, which names an SMMUv2 (line 9, column 49 of the host source)
        var (_, host, _) = Run("c@10002000 { reg = <0 0x10002000 0 0x1000>; xen,path = \"/c@10002000\"; };");
        Assert.Matches(@"(^|/)host\.dts:9:49: error: <built-in xen pipeline>: lop 'lop_1' \(xen,resolve-streams\): host node /c@10002000 \(xen,path of /passthrough/c@10002000\): its IOMMU /iommu@6f000000", host);
    }

    [Fact]
    public void An_error_about_a_blob_input_is_placed_at_the_lop()
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("host.dts"), Host);
        var tree = TreeLoader.LoadText("/dts-v1/;\n/ { passthrough { x@1 { xen,path = \"/nope\"; }; }; };\n", new DiagnosticBag())!;
        File.WriteAllBytes(temp.File("partial.dtb"), Viommu.DtEngine.Dtb.DtbWriter.Write(tree));
        var result = XenPartialJob.Run(new XenPartialSettings
        {
            Host = temp.File("host.dts"), Partial = temp.File("partial.dtb"), Output = temp.File("out.dts"), Options = new XenOptions(),
        });
        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == Severity.Error);
        Assert.StartsWith("<built-in xen pipeline>: error: lop 'lop_1' (xen,resolve-streams): xen,path \"/nope\"", error.Display);
    }

    [Fact]
    public void A_stream_shared_with_a_device_not_given_to_the_guest_is_refused()
    {
        var (ok, messages, _) = Run("a@10000000 { reg = <0 0x10000000 0 0x1000>; xen,path = \"/a@10000000\"; };");
        Assert.False(ok);
        Assert.Contains("shared with host device /b@10001000", messages);
        Assert.True(Run("a@10000000 { reg = <0 0x10000000 0 0x1000>; xen,path = \"/a@10000000\"; };\nb@10001000 { reg = <0 0x10001000 0 0x1000>; xen,path = \"/b@10001000\"; };").Ok);
    }

    [Fact]
    public void An_SMMUv2_is_refused_naming_both_nodes()
    {
        var (ok, messages, _) = Run("c@10002000 { reg = <0 0x10002000 0 0x1000>; xen,path = \"/c@10002000\"; };");
        Assert.False(ok);
        Assert.Contains("its IOMMU /iommu@6f000000 is \"arm,mmu-500\", \"arm,smmu-v2\", not \"arm,smmu-v3\"", messages);
        Assert.Contains("/c@10002000", messages);
    }

    [Fact]
    public void A_device_without_iommus_needs_force_assign_and_then_warns()
    {
        var (ok, messages, _) = Run("d@10003000 { reg = <0 0x10003000 0 0x1000>; xen,path = \"/d@10003000\"; };");
        Assert.False(ok);
        Assert.Contains("has no iommus", messages);
        var forced = Run("d@10003000 { reg = <0 0x10003000 0 0x1000>; xen,path = \"/d@10003000\"; xen,force-assign-without-iommu; };");
        Assert.True(forced.Ok);
        Assert.Contains("without an IOMMU", forced.Messages);
    }

    [Fact]
    public void Identity_is_refused_when_two_SMMUs_give_the_same_pSID()
    {
        var body = "a@10000000 { reg = <0 0x10000000 0 0x1000>; xen,path = \"/a@10000000\"; };\nb@10001000 { reg = <0 0x10001000 0 0x1000>; xen,path = \"/b@10001000\"; };\ne@10004000 { reg = <0 0x10004000 0 0x1000>; xen,path = \"/e@10004000\"; };";
        var (ok, messages, _) = Run(body, new XenOptions { Policy = VsidPolicy.Identity });
        Assert.False(ok);
        Assert.Contains("vSID 0x10 (identity: vSID = pSID) is already StreamID 0x10 of /iommu@4f000000", messages);
        var perSmmu = Run(body, new XenOptions { Policy = VsidPolicy.Identity, Layout = VsmmuLayout.PerPhysicalSmmu });
        Assert.True(perSmmu.Ok, perSmmu.Messages);
        Assert.Contains("iommus = <0xfdeb 0x10>;", perSmmu.Output);
    }

    [Fact]
    public void Pinned_vSIDs_are_kept_and_conflicting_pins_are_errors()
    {
        var pinned = Run("e@10004000 { reg = <0 0x10004000 0 0x1000>; xen,path = \"/e@10004000\"; iommus = <0xfdea 0x7>; };");
        Assert.True(pinned.Ok, pinned.Messages);
        Assert.Contains("iommus = <0xfdea 0x07>;", pinned.Output);
        var clash = Run("a@10000000 { reg = <0 0x10000000 0 0x1000>; xen,path = \"/a@10000000\"; iommus = <0xfdea 0x7>; };\n" +
                        "b@10001000 { reg = <0 0x10001000 0 0x1000>; xen,path = \"/b@10001000\"; };\n" +
                        "e@10004000 { reg = <0 0x10004000 0 0x1000>; xen,path = \"/e@10004000\"; iommus = <0xfdea 0x7>; };");
        Assert.False(clash.Ok);
        Assert.Contains("vSID 0x7 (pinned in the partial tree) is already StreamID 0x10 of /iommu@4f000000", clash.Messages);
    }

    [Fact]
    public void Xen_policy_allocates_lowest_free_around_pins_in_tree_order()
    {
        var (ok, messages, output) = Run(
            "a@10000000 { reg = <0 0x10000000 0 0x1000>; xen,path = \"/a@10000000\"; };\n" +
            "b@10001000 { reg = <0 0x10001000 0 0x1000>; xen,path = \"/b@10001000\"; };\n" +
            "e@10004000 { reg = <0 0x10004000 0 0x1000>; xen,path = \"/e@10004000\"; iommus = <0xfdea 0x0>; };");
        Assert.True(ok, messages);
        // a and b share (smmu, 0x10): one vSID, the lowest free after the pin 0 of e.
        Assert.Equal(2, output.Split("iommus = <0xfdea 0x01>;").Length - 1);
        Assert.Contains("iommus = <0xfdea 0x00>;", output);
    }

    [Fact]
    public void A_device_window_on_guest_RAM_is_named()
    {
        var (ok, messages, _) = Run("e@40000000 { reg = <0 0x40000000 0 0x1000>; xen,path = \"/e@10004000\"; };");
        Assert.False(ok);
        Assert.Contains("guest window 0x40000000+0x1000 overlaps the guest's RAM", messages);
    }

    [Theory]
    [InlineData(0x38000000UL, "the grant-table window (GUEST_GNTTAB_BASE) at 0x38000000+0x1000000")]
    [InlineData(0x39fff000UL, "the special pages (GUEST_MAGIC_BASE) at 0x39000000+0x1000000")]
    public void A_device_window_on_a_window_Xen_maps_into_every_guest_is_named(ulong guest, string window)
    {
        var (ok, messages, _) = Run($"e@{guest:x} {{ reg = <0 0x{guest:x} 0 0x1000>; xen,path = \"/e@10004000\"; }};");
        Assert.False(ok);
        Assert.Contains($"guest window 0x{guest:x}+0x1000 overlaps {window}", messages);
    }

    [Fact]
    public void Guest_RAM_beyond_3_GB_continues_at_8_GB_not_after_the_first_bank()
    {
        // 6 GB of RAM: 3 GB at 1 GB and 3 GB at 8 GB; 4-8 GB stays free for device windows
        var options = new XenOptions { GuestRamSize = 6UL << 30 };
        var (ok, messages, _) = Run("e@100000000 { reg = <0x1 0x0 0 0x1000>; xen,path = \"/e@10004000\"; };", options);
        Assert.True(ok, messages);
        (ok, messages, _) = Run("e@200000000 { reg = <0x2 0x0 0 0x1000>; xen,path = \"/e@10004000\"; };", options);
        Assert.False(ok);
        Assert.Contains("guest window 0x200000000+0x1000 overlaps the guest's RAM (GUEST_RAM1_BASE)", messages);
    }

    [Fact]
    public void The_host_tree_is_never_modified()
    {
        using var temp = new TempDir();
        var host = temp.File("host.dts");
        File.WriteAllText(host, Host);
        var before = File.ReadAllBytes(host);
        Run("e@10004000 { reg = <0 0x10004000 0 0x1000>; xen,path = \"/e@10004000\"; };");
        Assert.Equal(before, File.ReadAllBytes(host));
        Assert.NotNull(TreeLoader.LoadText(Host, new DiagnosticBag()));
    }
}
