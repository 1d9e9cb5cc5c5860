using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

public class NestedTests
{
    /// <summary>Guest RAM IPA 0x4000_0000..+16 MB at PA 0xa000_0000; guest tables and CD at the end of it.</summary>
    private static (Rig Rig, ulong CdIpa, PageTableBuilder S1) Nested()
    {
        var rig = new Rig();
        const ulong ramIpa = 0x4000_0000, ramPa = 0xa000_0000, ramSize = 0x100_0000;
        var s2 = rig.Stage2(Rig.Xen40, new Mapping(ramIpa, ramPa, ramSize, MapPermissions.ReadWrite));
        var guestTables = new MemoryAllocator(ramIpa + 0xf0_0000, ramIpa + ramSize);
        ulong ToPa(ulong ipa) => ipa - ramIpa + ramPa;
        var s1 = new PageTableBuilder(rig.Memory, guestTables, 1, Granule.Size4K, 1, 39, ToPa);
        s1.Map(new Mapping(0x1000, ramIpa + 0x30_0000, 0x2000, MapPermissions.All));
        s1.Map(new Mapping(0x8000, 0x7000_0000, 0x1000, MapPermissions.ReadWrite)); // an IPA stage 2 does not map
        var cdIpa = guestTables.Allocate(64, 64);
        rig.Memory.Write64(ToPa(cdIpa), new CdFields { Ttb0 = s1.Root, IpsBits = 40 }.Encode());
        rig.Ste(6, SteFields.Nested(1, Rig.Xen40, s2.Root, cdIpa));
        return (rig, cdIpa, s1);
    }

    [Fact]
    public void Stage_1_output_goes_through_stage_2()
    {
        var (rig, _, _) = Nested();
        Assert.Equal("OK 0xa0300abc", rig.Tx(6, 0x1abc));
        Assert.Equal("OK 0xa0301ff8", rig.Tx(6, 0x2ff8, AccessKind.Write));
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0x3000", rig.Tx(6, 0x3000));
        Assert.Equal("FAULT F_TRANSLATION stage=2 ipa=0x70000010", rig.Tx(6, 0x8010));
        Assert.Equal("FAULT F_PERMISSION stage=2 ipa=0x40300000", rig.Tx(6, 0x1000, AccessKind.Execute));
    }

    [Fact]
    public void Stage_2_fault_on_a_table_fetch_carries_the_descriptor_ipa()
    {
        var (rig, _, s1) = Nested();
        // Point the level-1 entry for VA 0 at a level-2 table outside guest RAM.
        var root = s1.Root - 0x4000_0000 + 0xa000_0000;
        rig.Memory.Write64(root, 0x5000_0003);
        Assert.Equal("FAULT F_TRANSLATION stage=2 ipa=0x50000000", rig.Tx(6, 0x1abc));
    }

    [Fact]
    public void Stage_2_fault_on_the_cd_fetch_carries_the_cd_ipa()
    {
        var (rig, _, _) = Nested();
        var ste = rig.StreamTable.SteAddress(6);
        var w0 = rig.Memory.Read64(ste);
        rig.Memory.Write64(ste, (w0 & ~Bits.Range(ulong.MaxValue, 51, 6)) | 0x6000_0040);
        Assert.Equal("FAULT F_TRANSLATION stage=2 ipa=0x60000040", rig.Tx(6, 0x1abc));
    }

    [Fact]
    public void Cd_in_read_protected_stage_2_memory_is_a_stage_2_permission_fault()
    {
        var rig = new Rig();
        var s2 = rig.Stage2(Rig.Xen40, new Mapping(0x4000_0000, 0xa000_0000, 0x1000, MapPermissions.Write));
        rig.Ste(6, SteFields.Nested(1, Rig.Xen40, s2.Root, 0x4000_0000));
        Assert.Equal("FAULT F_PERMISSION stage=2 ipa=0x40000000", rig.Tx(6, 0x1abc));
    }

    [Fact]
    public void S1contextptr_beyond_the_ias_is_bad_ste()
    {
        var rig = new Rig();
        rig.Regs.SetOasBits(40);
        var w = SteFields.Nested(1, Rig.Xen40 with { OutputBits = 40 }, 0x8800_0000, 0).Encode();
        w[0] |= 1UL << 44; // S1ContextPtr bit 44: beyond a 40-bit IAS
        rig.Ste(6, w);
        Assert.Equal("FAULT C_BAD_STE sid=0x6", rig.Tx(6, 0));
    }
}

public class SubstreamTests
{
    /// <summary>SID 2: stage 1 with 4 CDs (S1CDMax 2) in a linear table; CD n maps VA 0x1000 to PA 0x7000_0000 + n MB.</summary>
    private static Rig WithCds(int s1Dss, int fmt = 0)
    {
        var rig = new Rig();
        var cds = new ulong[4];
        for (var n = 0; n < 4; n++)
        {
            var s1 = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000 + ((ulong)n << 20), 0x1000, MapPermissions.Read));
            cds[n] = s1.Root;
        }
        ulong pointer;
        if (fmt == 0)
        {
            pointer = rig.Tables.Allocate(256, 256);
            for (var n = 0; n < 4; n++) rig.Memory.Write64(pointer + 64UL * (ulong)n, new CdFields { Ttb0 = cds[n] }.Encode());
        }
        else
        {
            // 2-level CD table with 4K leaves: one L1 descriptor, CDs at its leaf's first slots.
            var leaf = rig.Tables.Allocate(0x1000, 0x1000);
            for (var n = 0; n < 4; n++) rig.Memory.Write64(leaf + 64UL * (ulong)n, new CdFields { Ttb0 = cds[n] }.Encode());
            pointer = rig.Tables.Allocate(64, 64);
            rig.Memory.Write64(pointer, leaf | 1);
        }
        rig.Ste(2, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = pointer, S1CdMax = 2, S1Dss = s1Dss, S1Fmt = fmt });
        return rig;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Substreams_select_their_cd(int fmt)
    {
        var rig = WithCds(0, fmt);
        Assert.Equal("OK 0x70000010", rig.Tx(2, 0x1010, ssid: 0));
        Assert.Equal("OK 0x70300010", rig.Tx(2, 0x1010, ssid: 3));
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x2 ssid=0x4", rig.Tx(2, 0x1010, ssid: 4));
    }

    [Fact]
    public void Invalid_l1cd_is_bad_substreamid()
    {
        var rig = WithCds(0, fmt: 1);
        var pointer = Bits.Range(rig.Memory.Read64(rig.StreamTable.SteAddress(2)), 51, 6);
        rig.Memory.Write64(pointer, rig.Memory.Read64(pointer) & ~1UL);
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x2 ssid=0x1", rig.Tx(2, 0x1010, ssid: 1));
    }

    [Theory]
    [InlineData(0, "FAULT F_STREAM_DISABLED sid=0x2")]
    [InlineData(3, "FAULT F_STREAM_DISABLED sid=0x2")]
    [InlineData(1, "OK 0x1010")]
    [InlineData(2, "OK 0x70000010")]
    public void Traffic_without_substream_follows_s1dss(int s1Dss, string expected) =>
        Assert.Equal(expected, WithCds(s1Dss).Tx(2, 0x1010));

    [Fact]
    public void Substream_0_is_unavailable_when_it_is_the_default()
    {
        Assert.Equal("FAULT F_STREAM_DISABLED sid=0x2 ssid=0x0", WithCds(2).Tx(2, 0x1010, ssid: 0));
    }

    [Fact]
    public void Substreams_need_s1cdmax_and_ssidsize()
    {
        var rig = WithCds(0);
        Assert.Equal("OK 0x70100010", rig.Tx(2, 0x1010, ssid: 1));
        rig.Regs.SetSsidSize(0); // substreams unsupported: S1CDMax ignored, any SubstreamID is bad
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x2 ssid=0x1", rig.Tx(2, 0x1010, ssid: 1));
        Assert.Equal("OK 0x70000010", rig.Tx(2, 0x1010));
        rig.Regs.SetSsidSize(1); // S1CDMax 2 > SSIDSIZE 1: ILLEGAL
        Assert.Equal("FAULT C_BAD_STE sid=0x2", rig.Tx(2, 0x1010));
    }
}
