namespace Viommu.Lops.Tests.Xen;

/// <summary>Every output file of every Xen example, compared with the example's expected/ files.</summary>
public sealed class XenExampleSnapshotTests
{
    public static IEnumerable<object[]> Cases => XenExamples.Data;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outputs_match_the_approved_files(string example, string variant)
    {
        var c = XenExamples.Get(example, variant);
        using var temp = new TempDir();
        var (tree, xl, map, result) = XenExamples.Run(c, temp.Path);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Display)));
        Snapshot.VerifyIn(c.Expected, $"{variant}.partial.dts", File.ReadAllText(tree));
        Snapshot.VerifyIn(c.Expected, $"{variant}.xl.cfg", File.ReadAllText(xl));
        Snapshot.VerifyIn(c.Expected, $"{variant}.map.json", File.ReadAllText(map));
    }

    [Fact]
    public void The_2022_proposal_gives_the_proposed_map_entry_and_iommus()
    {
        using var temp = new TempDir();
        var (tree, xl, _, result) = XenExamples.Run(XenExamples.Get("proposal-2022", "default"), temp.Path);
        Assert.True(result.Succeeded);
        Assert.Contains("iommu_devid_map = [ \"0x10@0x01,0x4f000000\" ]", File.ReadAllText(xl));
        Assert.Contains("iommus = <0xfdea 0x01>;", File.ReadAllText(tree));
    }

    [Fact]
    public void Hip07_devices_sharing_pSID_0x600_behind_four_SMMUs_get_four_vSIDs()
    {
        using var temp = new TempDir();
        var (_, _, _, result) = XenExamples.Run(XenExamples.Get("hip07-crypto", "default"), temp.Path);
        Assert.True(result.Succeeded);
        var streams = result.Plan!.Streams;
        Assert.All(streams, s => Assert.Equal(0x600u, s.PhysicalSid));
        Assert.Equal(new uint[] { 0, 1, 2, 3 }, streams.Select(s => s.Vsid!.Value).ToArray());
        Assert.Equal(4, streams.Select(s => s.Smmu.Base).Distinct().Count());
    }

    [Fact]
    public void Two_devices_sharing_one_stream_share_one_vSID()
    {
        using var temp = new TempDir();
        var (_, _, _, result) = XenExamples.Run(XenExamples.Get("multi-smmu", "default"), temp.Path);
        Assert.True(result.Succeeded);
        var usb = result.Plan!.Streams.Where(s => s.Device.HostPath.StartsWith("/usb@", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, usb.Count);
        Assert.Equal(usb[0].Vsid, usb[1].Vsid);
    }

    [Fact]
    public void Output_is_byte_identical_across_runs()
    {
        var c = XenExamples.Get("multi-smmu", "default");
        using var a = new TempDir();
        using var b = new TempDir();
        var first = XenExamples.Run(c, a.Path);
        var second = XenExamples.Run(c, b.Path);
        foreach (var (x, y) in new[] { (first.Tree, second.Tree), (first.Xl, second.Xl), (first.Map, second.Map) })
            Assert.Equal(File.ReadAllBytes(x), File.ReadAllBytes(y));
    }
}
