using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

public class GlobalAndStreamTableTests
{
    [Fact]
    public void Disabled_smmu_bypasses_or_aborts_per_gbpa()
    {
        var rig = new Rig();
        rig.Regs.Cr0 = 0;
        Assert.Equal("OK 0x1234", rig.Tx(5, 0x1234));
        Assert.Equal("ABORT", rig.Tx(5, 1UL << 48)); // beyond the OAS: abort, no event
        rig.Regs.Gbpa = 1u << 20;
        Assert.Equal("ABORT", rig.Tx(5, 0x1234));
    }

    [Fact]
    public void StreamId_beyond_sidsize_is_bad_even_when_log2size_is_larger()
    {
        var rig = new Rig();
        rig.Regs.StrtabBaseCfg = 16; // LOG2SIZE 16, but SIDSIZE 6 below caps it
        rig.Regs.SetSidSize(6);
        rig.Ste(0x3f, new SteFields { Config = SteConfig.Bypass });
        Assert.Equal("OK 0x10", rig.Tx(0x3f, 0x10));
        Assert.Equal("FAULT C_BAD_STREAMID sid=0x40", rig.Tx(0x40, 0x10));
    }

    [Fact]
    public void Two_level_table_checks_span()
    {
        var rig = new Rig(twoLevel: true);
        rig.Ste(0x41, new SteFields { Config = SteConfig.Bypass }); // allocates L1[1] with span 7
        Assert.Equal("OK 0x10", rig.Tx(0x41, 0x10));
        Assert.Equal("FAULT C_BAD_STREAMID sid=0x81", rig.Tx(0x81, 0x10)); // L1[2] span 0
        var l1 = rig.StreamTable.Base + 8;
        var desc = rig.Memory.Read64(l1);
        rig.Memory.Write64(l1, (desc & ~0x1fUL) | 12); // reserved span behaves as 0
        Assert.Equal("FAULT C_BAD_STREAMID sid=0x41", rig.Tx(0x41, 0x10));
        rig.Memory.Write64(l1, (desc & ~0x1fUL) | 8); // beyond SPLIT+1: out of bounds
        Assert.Equal("FAULT C_BAD_STREAMID sid=0x41", rig.Tx(0x41, 0x10));
        rig.Memory.Write64(l1, (desc & ~0x1fUL) | 1); // one STE: only offset 0
        Assert.Equal("FAULT C_BAD_STREAMID sid=0x41", rig.Tx(0x41, 0x10));
        Assert.Equal("FAULT C_BAD_STE sid=0x40", rig.Tx(0x40, 0x10));
    }

    [Fact]
    public void Ste_and_l1_fetch_aborts()
    {
        var rig = new Rig(twoLevel: true);
        rig.Ste(0x41, new SteFields { Config = SteConfig.Bypass });
        var ste = rig.StreamTable.SteAddress(0x41);
        rig.Memory.AddAbortRegion(ste + 48, 8);
        Assert.Equal("FAULT F_STE_FETCH sid=0x41", rig.Tx(0x41, 0x10));
        rig.Memory.AddAbortRegion(rig.StreamTable.Base + 16, 8);
        Assert.Equal("FAULT F_STE_FETCH sid=0x80", rig.Tx(0x80, 0x10));
    }

    [Fact]
    public void Abort_bypass_and_reserved_configs()
    {
        var rig = new Rig();
        rig.Ste(1, new SteFields { Config = SteConfig.Abort });
        rig.Ste(2, new SteFields { Config = SteConfig.Bypass });
        rig.Ste(3, 0b0011); // V, Config 001: reserved
        rig.Ste(4, new SteFields { Config = SteConfig.Bypass, Valid = false });
        Assert.Equal("ABORT", rig.Tx(1, 0x1000));
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x1 ssid=0x0", rig.Tx(1, 0x1000, ssid: 0));
        Assert.Equal("OK 0xabc", rig.Tx(2, 0xabc, AccessKind.Write));
        Assert.Equal("FAULT F_ADDR_SIZE stage=1 va=0x1000000000000", rig.Tx(2, 1UL << 48));
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x2 ssid=0x3", rig.Tx(2, 0xabc, ssid: 3));
        Assert.Equal("FAULT C_BAD_STE sid=0x3", rig.Tx(3, 0x1000));
        Assert.Equal("FAULT C_BAD_STE sid=0x4", rig.Tx(4, 0x1000));
    }
}

public class Stage2Tests
{
    private static Rig Xen(out PageTableBuilder s2)
    {
        var rig = new Rig();
        s2 = rig.Stage2(Rig.Xen40,
            new Mapping(0x4000_0000, 0x1_0000_0000, 0x4000_0000, MapPermissions.All),            // 1 GB block
            new Mapping(0x9000_0000, 0x2_0020_0000, 0x20_0000, MapPermissions.ReadWrite),       // 2 MB block
            new Mapping(0xa000_0000, 0x3_0000_1000, 0x1000, MapPermissions.Read, Device: true)); // page
        rig.Ste(7, SteFields.Stage2Only(3, Rig.Xen40, s2.Root));
        return rig;
    }

    [Fact]
    public void Xen_layout_is_level_1_with_two_concatenated_tables()
    {
        Assert.Equal(1, Rig.Xen40.StartLevel);
        Assert.Equal(24, Rig.Xen40.T0Sz);
        Assert.Equal(1UL, Rig.Xen40.Sl0);
        Assert.Equal(0, Stage2Layout.For(48, Granule.Size4K, 48).StartLevel);
        Assert.Equal(0, Stage2Layout.For(44, Granule.Size4K, 48).StartLevel); // level 1 would need 32 tables
        Assert.Equal(1, Stage2Layout.For(42, Granule.Size4K, 48).StartLevel);  // 8 tables
        Assert.Equal(2, Stage2Layout.For(40, Granule.Size64K, 48).StartLevel);
    }

    [Fact]
    public void Translates_blocks_and_pages_with_permissions()
    {
        var rig = Xen(out var s2);
        Assert.Equal(3, s2.Leaves);
        Assert.Equal("OK 0x100123456", rig.Tx(7, 0x4012_3456, AccessKind.Execute));
        Assert.Equal("OK 0x2002fffff", rig.Tx(7, 0x900f_ffff, AccessKind.Write));
        Assert.Equal("FAULT F_PERMISSION stage=2 ipa=0x90000000", rig.Tx(7, 0x9000_0000, AccessKind.Execute));
        Assert.Equal("OK 0x300001008", rig.Tx(7, 0xa000_0008));
        Assert.Equal("FAULT F_PERMISSION stage=2 ipa=0xa0000008", rig.Tx(7, 0xa000_0008, AccessKind.Write));
        Assert.Equal("FAULT F_TRANSLATION stage=2 ipa=0xa0001000", rig.Tx(7, 0xa000_1000));
        Assert.Equal("FAULT F_TRANSLATION stage=2 ipa=0x10000000000", rig.Tx(7, 1UL << 40)); // beyond the 40-bit IPA
        Assert.Equal("FAULT F_ADDR_SIZE stage=1 va=0x1000000000000", rig.Tx(7, 1UL << 48));   // beyond the IAS
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x7 ssid=0x1", rig.Tx(7, 0x4000_0000, ssid: 1));
    }

    [Fact]
    public void Record_bit_clear_aborts_silently()
    {
        var rig = new Rig();
        var s2 = rig.Stage2(Rig.Xen40);
        rig.Ste(1, SteFields.Stage2Only(1, Rig.Xen40, s2.Root) with { S2Record = false });
        var r = rig.Result(1, 0x1000);
        Assert.Equal(Outcome.Abort, r.Outcome);
        Assert.Equal(EventType.F_TRANSLATION, r.Event!.Type); // kept as the suppressed event
    }

    [Fact]
    public void Output_beyond_s2ps_is_an_address_size_fault()
    {
        var rig = new Rig();
        var layout = Rig.Xen40 with { OutputBits = 36 };
        var s2 = rig.Stage2(layout, new Mapping(0x1000, 0x10_0000_0000, 0x1000, MapPermissions.Read));
        rig.Ste(1, SteFields.Stage2Only(1, layout, s2.Root));
        Assert.Equal("FAULT F_ADDR_SIZE stage=2 ipa=0x1000", rig.Tx(1, 0x1000));
    }

    [Theory]
    [InlineData(24, 0UL, 0UL, "S2SL0 0 (level 2) cannot reach a 40-bit IPA with 16 tables")]
    [InlineData(24, 3UL, 0UL, "S2SL0 3 is reserved for 4K")]
    [InlineData(24, 1UL, 3UL, "S2TG 3 is reserved")]
    [InlineData(40, 1UL, 0UL, "S2T0SZ above 39")]
    [InlineData(34, 1UL, 0UL, "level 1 would resolve no bit of a 30-bit IPA")]
    [InlineData(15, 2UL, 0UL, "S2T0SZ below 16")]
    public void Illegal_stage2_fields_are_bad_ste(int t0sz, ulong sl0, ulong tg, string why)
    {
        var rig = new Rig();
        var w = SteFields.Stage2Only(1, Rig.Xen40, 0x8800_0000).Encode();
        w[2] = Bits.With(w[2], 37, 32, (ulong)t0sz);
        w[2] = Bits.With(w[2], 39, 38, sl0);
        w[2] = Bits.With(w[2], 47, 46, tg);
        rig.Ste(1, w);
        Assert.True(rig.Tx(1, 0) == "FAULT C_BAD_STE sid=0x1", why);
    }

    [Theory]
    [InlineData(51, false, "S2AA64 = 0 (AArch32 tables)")]
    [InlineData(52, true, "S2ENDI = 1 (big-endian)")]
    [InlineData(56, true, "S2HA without HTTU")]
    public void Unsupported_stage2_features_are_bad_ste(int bit, bool value, string why)
    {
        var rig = new Rig();
        var w = SteFields.Stage2Only(1, Rig.Xen40, 0x8800_0000).Encode();
        w[2] = Bits.With(w[2], bit, bit, value ? 1UL : 0);
        rig.Ste(1, w);
        Assert.True(rig.Tx(1, 0) == "FAULT C_BAD_STE sid=0x1", why);
    }

    [Fact]
    public void S2ttb_beyond_s2ps_is_bad_ste()
    {
        var rig = new Rig();
        rig.Ste(1, SteFields.Stage2Only(1, Rig.Xen40 with { OutputBits = 32 }, 0x1_0000_0000));
        Assert.Equal("FAULT C_BAD_STE sid=0x1", rig.Tx(1, 0));
    }

    [Fact]
    public void Walk_external_abort_is_reported_at_stage_2()
    {
        var rig = new Rig();
        var s2 = rig.Stage2(Rig.Xen40, new Mapping(0x1000, 0x5000, 0x1000, MapPermissions.Read));
        rig.Memory.AddAbortRegion(s2.Root, 8);
        rig.Ste(1, SteFields.Stage2Only(1, Rig.Xen40, s2.Root));
        Assert.Equal("FAULT F_WALK_EABT stage=2 ipa=0x1000", rig.Tx(1, 0x1000));
        Assert.Equal(s2.Root, rig.Result(1, 0x1000).Event!.FetchAddress);
    }

    [Theory]
    [InlineData(Granule.Size16K, 36)]
    [InlineData(Granule.Size16K, 47)]
    [InlineData(Granule.Size64K, 42)]
    [InlineData(Granule.Size64K, 48)]
    [InlineData(Granule.Size4K, 32)]
    public void Other_granules_and_sizes_translate(Granule g, int ipaBits)
    {
        var rig = new Rig();
        var layout = Stage2Layout.For(ipaBits, g, 48);
        var block = 1UL << g.LevelShift(2);
        var page = 1UL << g.Bits();
        var s2 = rig.Stage2(layout,
            new Mapping(block, 0x40_0000_0000, block, MapPermissions.ReadWrite),
            new Mapping(block * 2 + page, 0x50_0000_0000, page, MapPermissions.Read));
        rig.Ste(1, SteFields.Stage2Only(1, layout, s2.Root));
        Assert.Equal(2, s2.Leaves);
        Assert.Equal($"OK 0x{0x40_0000_0000 + block - 8:x}", rig.Tx(1, block * 2 - 8, AccessKind.Write));
        Assert.Equal($"OK 0x{0x50_0000_0000 + 0x18:x}", rig.Tx(1, block * 2 + page + 0x18));
        Assert.Equal($"FAULT F_TRANSLATION stage=2 ipa=0x{block * 2:x}", rig.Tx(1, block * 2));
    }
}
