using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

public class Stage1Tests
{
    /// <summary>SID 1: stage 1 only, CD at a physical address, 39-bit VA, 4K; VA 0x10000 -> PA 0x7000_0000.</summary>
    private static Rig Stage1Only(CdFields? cd = null, SteFields? ste = null, Granule g = Granule.Size4K, int vaBits = 39)
    {
        var rig = new Rig();
        var page = 1UL << g.Bits();
        var s1 = rig.Stage1(g, vaBits,
            new Mapping(0x10000, 0x7000_0000, page, MapPermissions.ReadWrite),
            new Mapping(0x10000 + 4 * page, 0x7100_0000, page, MapPermissions.Read | MapPermissions.Execute));
        var cdAddress = rig.Cd((cd ?? new CdFields()) with { Granule = g, T0Sz = 64 - vaBits, Ttb0 = s1.Root });
        rig.Ste(1, (ste ?? new SteFields()) with { Config = SteConfig.Stage1, S1ContextPtr = cdAddress });
        return rig;
    }

    [Theory]
    [InlineData(Granule.Size4K, 39)]
    [InlineData(Granule.Size4K, 48)]
    [InlineData(Granule.Size16K, 36)]
    [InlineData(Granule.Size16K, 47)]
    [InlineData(Granule.Size64K, 42)]
    [InlineData(Granule.Size64K, 25)]
    public void Translates_with_every_granule(Granule g, int vaBits)
    {
        var rig = Stage1Only(g: g, vaBits: vaBits);
        var page = 1UL << g.Bits();
        Assert.Equal("OK 0x70000123", rig.Tx(1, 0x10123, AccessKind.Write));
        Assert.Equal($"OK 0x{0x7100_0000 + 8:x}", rig.Tx(1, 0x10000 + 4 * page + 8, AccessKind.Execute));
        Assert.Equal($"FAULT F_PERMISSION stage=1 va=0x{0x10000 + 4 * page:x}", rig.Tx(1, 0x10000 + 4 * page, AccessKind.Write));
        Assert.Equal("FAULT F_PERMISSION stage=1 va=0x10000", rig.Tx(1, 0x10000, AccessKind.Execute));
        Assert.Equal($"FAULT F_TRANSLATION stage=1 va=0x{0x10000 + page:x}", rig.Tx(1, 0x10000 + page));
        Assert.Equal($"FAULT F_TRANSLATION stage=1 va=0x{1UL << vaBits:x}", rig.Tx(1, 1UL << vaBits));
    }

    [Fact]
    public void Output_beyond_ips_is_a_stage_1_address_size_fault()
    {
        var rig = Stage1Only(new CdFields { IpsBits = 40 });
        // The table itself sits below 2^40; the leaf output 0x7000_0000 too: patch the leaf to 2^40.
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x10000));
        var rig2 = new Rig();
        var s1 = rig2.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 1UL << 40, 0x1000, MapPermissions.Read));
        rig2.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = rig2.Cd(new CdFields { IpsBits = 40, Ttb0 = s1.Root }) });
        Assert.Equal("FAULT F_ADDR_SIZE stage=1 va=0x1000", rig2.Tx(1, 0x1000));
    }

    [Fact]
    public void Record_bit_clear_aborts_stage_1_faults_but_stall_records_them()
    {
        Assert.Equal("ABORT", Stage1Only(new CdFields { Record = false }).Tx(1, 0x5000));
        var stall = Stage1Only(new CdFields { Record = false });
        var cdAddress = stall.Memory.Read64(stall.StreamTable.SteAddress(1)) & Bits.Mask(52) & ~0x3fUL;
        stall.Memory.Write64(cdAddress, stall.Memory.Read64(cdAddress) | 1UL << 44); // S: stall (treated as terminate), always recorded
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0x5000", stall.Tx(1, 0x5000));
    }

    [Theory]
    [InlineData(31, false, "V = 0")]
    [InlineData(15, true, "ENDI = 1")]
    [InlineData(41, false, "AA64 = 0")]
    [InlineData(43, true, "HA without HTTU")]
    [InlineData(30, false, "EPD1 = 0 with TG1 = 0 (reserved)")]
    public void Illegal_cds_are_bad_cd(int bit, bool value, string why)
    {
        var rig = Stage1Only();
        var ste = rig.StreamTable.SteAddress(1);
        var cdAddress = Bits.Range(rig.Memory.Read64(ste), 51, 6);
        rig.Memory.Write64(cdAddress, Bits.With(rig.Memory.Read64(cdAddress), bit, bit, value ? 1UL : 0));
        Assert.True(rig.Tx(1, 0x10000) == "FAULT C_BAD_CD sid=0x1", why);
    }

    [Theory]
    [InlineData(15)]
    [InlineData(40)]
    public void T0sz_out_of_range_is_bad_cd(int t0sz)
    {
        var rig = new Rig();
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = rig.Cd(new CdFields { T0Sz = t0sz, Ttb0 = 0x8800_0000 }) });
        Assert.Equal("FAULT C_BAD_CD sid=0x1", rig.Tx(1, 0));
    }

    [Fact]
    public void Ttb0_beyond_ips_is_bad_cd()
    {
        var rig = new Rig();
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = rig.Cd(new CdFields { IpsBits = 32, Ttb0 = 0x1_0000_0000 }) });
        Assert.Equal("FAULT C_BAD_CD sid=0x1", rig.Tx(1, 0));
    }

    [Fact]
    public void Cd_and_walk_external_aborts()
    {
        var rig = Stage1Only();
        var cdAddress = Bits.Range(rig.Memory.Read64(rig.StreamTable.SteAddress(1)), 51, 6);
        var ttb0 = Bits.Range(rig.Memory.Read64(cdAddress + 8), 51, 4);
        rig.Memory.AddAbortRegion(ttb0, 8);
        Assert.Equal("FAULT F_WALK_EABT stage=1 va=0x10000", rig.Tx(1, 0x10000));
        Assert.Equal(ttb0, rig.Result(1, 0x10000).Event!.FetchAddress);     // the record names the failed read
        rig.Memory.AddAbortRegion(cdAddress + 8, 8);
        Assert.Equal("FAULT F_CD_FETCH sid=0x1", rig.Tx(1, 0x10000));
        Assert.Equal(cdAddress + 8, rig.Result(1, 0x10000).Event!.FetchAddress);
    }

    [Fact]
    public void Unprivileged_access_needs_ap1_and_privcfg_overrides()
    {
        var rig = new Rig();
        var s1 = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000, 0x1000, MapPermissions.ReadWrite));
        var leafTable = rig.Memory; // clear AP[1] in the leaf: privileged-only
        var cd = rig.Cd(new CdFields { Ttb0 = s1.Root });
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = cd });
        var leaf = FindLeaf(rig, s1.Root, 0x1000);
        leafTable.Write64(leaf, leafTable.Read64(leaf) & ~(1UL << 6));
        Assert.Equal("FAULT F_PERMISSION stage=1 va=0x1000", rig.Tx(1, 0x1000));
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x1000, priv: true));
        var ste = rig.StreamTable.SteAddress(1);
        rig.Memory.Write64(ste + 8, 0b11UL << 48); // PRIVCFG: privileged
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x1000));
        rig.Memory.Write64(ste + 8, 0b10UL << 48); // PRIVCFG: unprivileged
        Assert.Equal("FAULT F_PERMISSION stage=1 va=0x1000", rig.Tx(1, 0x1000, priv: true));
    }

    [Fact]
    public void Unprivileged_writable_memory_is_never_privileged_executable()
    {
        var rig = new Rig();
        var s1 = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000, 0x1000, MapPermissions.All));
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = rig.Cd(new CdFields { Ttb0 = s1.Root }) });
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x1000, AccessKind.Execute));
        Assert.Equal("FAULT F_PERMISSION stage=1 va=0x1000", rig.Tx(1, 0x1000, AccessKind.Execute, priv: true));
    }

    [Fact]
    public void Hierarchical_aptable_makes_a_subtree_read_only()
    {
        var rig = new Rig();
        var s1 = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000, 0x1000, MapPermissions.ReadWrite));
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = rig.Cd(new CdFields { Ttb0 = s1.Root }) });
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x1000, AccessKind.Write));
        rig.Memory.Write64(s1.Root, rig.Memory.Read64(s1.Root) | 1UL << 62); // APTable[1]: no writes below
        Assert.Equal("FAULT F_PERMISSION stage=1 va=0x1000", rig.Tx(1, 0x1000, AccessKind.Write));
        Assert.Equal("OK 0x70000000", rig.Tx(1, 0x1000));
    }

    [Fact]
    public void Upper_half_uses_ttb1_and_tbi_ignores_the_top_byte()
    {
        var rig = new Rig();
        var low = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000, 0x1000, MapPermissions.Read));
        var high = rig.Stage1(Granule.Size16K, 36, new Mapping(0xf_ffff_c000, 0x7200_0000, 0x4000, MapPermissions.Read));
        var cd = new CdFields { Ttb0 = low.Root }.Encode();
        cd[0] = Bits.With(cd[0], 30, 30, 0);                              // EPD1 = 0
        cd[0] = Bits.With(cd[0], 21, 16, 28);                             // T1SZ 28: 36-bit upper range
        cd[0] = Bits.With(cd[0], 23, 22, Granule.Size16K.ToTg1());
        cd[0] = Bits.With(cd[0], 38, 38, 1);                              // TBI0
        cd[2] = high.Root;
        var cdAddress = rig.Tables.Allocate(64, 64);
        rig.Memory.Write64(cdAddress, cd);
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = cdAddress });
        Assert.Equal("OK 0x70000010", rig.Tx(1, 0x1010));
        Assert.Equal("OK 0x70000010", rig.Tx(1, 0x5a00_0000_0000_1010));   // top byte ignored (TBI0)
        Assert.Equal("OK 0x72000010", rig.Tx(1, 0xffff_ffff_ffff_c010));   // TTB1
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0xfff0000000000000", rig.Tx(1, 0xfff0_0000_0000_0000)); // not sign-extended from bit 35
        // In an EL2 StreamWorld there is no TTB1: the upper half is out of range.
        rig.Memory.Write64(rig.StreamTable.SteAddress(1) + 8, 0b10UL << 30);
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0xffffffffffffc010", rig.Tx(1, 0xffff_ffff_ffff_c010));
    }

    private static ulong FindLeaf(Rig rig, ulong root, ulong va)
    {
        var table = root;
        for (var level = 1; ; level++)
        {
            var slot = table + ((va >> Granule.Size4K.LevelShift(level)) & 0x1ff) * 8;
            if (level == 3) return slot;
            table = Bits.Range(rig.Memory.Read64(slot), 47, 12);
        }
    }
}
