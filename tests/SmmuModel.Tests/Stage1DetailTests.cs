using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

/// <summary>Stage-1 details the vectors leave out: 2-level CD tables past their first leaf, TTB1 with and without
/// top-byte-ignore, EPD1, and the EL2 regime that has no TTB1.</summary>
public sealed class Stage1DetailTests
{
    /// <summary>CDs for substreams 0..(2^cdMax - 1) in a 2-level table with <paramref name="fmt"/> leaves; substream n
    /// translates VA 0x1000 to 0x7000_0000 + n * 0x1_0000.</summary>
    private static Rig TwoLevelCds(int fmt, int cdMax, params uint[] substreams)
    {
        var rig = new Rig();
        rig.Regs.SetSsidSize(cdMax);
        var leafBits = fmt == 1 ? 6 : 10;
        var l1 = rig.Tables.Allocate(8UL << Math.Max(0, cdMax - leafBits), 64);
        var leaves = new Dictionary<uint, ulong>();
        foreach (var n in substreams)
        {
            var l1Index = n >> leafBits;
            if (!leaves.TryGetValue(l1Index, out var leaf))
            {
                var size = 64UL << leafBits;
                leaf = leaves[l1Index] = rig.Tables.Allocate(size, Math.Min(size, 0x1000));
                rig.Memory.Write64(l1 + 8UL * l1Index, leaf | 1);
            }
            var s1 = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000 + n * 0x1_0000UL, 0x1000, MapPermissions.Read));
            rig.Memory.Write64(leaf + 64UL * (n & ((1u << leafBits) - 1)), new CdFields { Ttb0 = s1.Root }.Encode());
        }
        rig.Ste(2, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = l1, S1CdMax = cdMax, S1Fmt = fmt, S1Dss = 1 });
        return rig;
    }

    [Fact]
    public void Two_level_cd_tables_with_4k_leaves_index_by_the_low_6_bits()
    {
        var rig = TwoLevelCds(1, 8, 0, 0x41, 0xff);
        Assert.Equal("OK 0x70000010", rig.Tx(2, 0x1010, ssid: 0));
        Assert.Equal("OK 0x70410010", rig.Tx(2, 0x1010, ssid: 0x41));
        Assert.Equal("OK 0x70ff0010", rig.Tx(2, 0x1010, ssid: 0xff));
        Assert.Equal("FAULT C_BAD_SUBSTREAMID sid=0x2 ssid=0x81", rig.Tx(2, 0x1010, ssid: 0x81)); // its L1 descriptor is invalid
    }

    [Fact]
    public void Two_level_cd_tables_with_64k_leaves_index_by_the_low_10_bits()
    {
        var rig = TwoLevelCds(2, 12, 0x41, 0x401, 0xfff);
        Assert.Equal("OK 0x70410010", rig.Tx(2, 0x1010, ssid: 0x41));
        Assert.Equal("OK 0x74010010", rig.Tx(2, 0x1010, ssid: 0x401));
        Assert.Equal("OK 0x7fff0010", rig.Tx(2, 0x1010, ssid: 0xfff));
    }

    [Fact]
    public void A_cd_table_that_fits_one_leaf_uses_the_first_l1_descriptor()
    {
        var rig = TwoLevelCds(1, 6, 0x3f);
        Assert.Equal("OK 0x703f0010", rig.Tx(2, 0x1010, ssid: 0x3f));
    }

    /// <summary>SID 1, stage 1, EL1: TTB0 maps VA 0x1000 to 0x7000_0000, TTB1 maps the top region's 0x1000 to
    /// 0x7100_0000 (both 39-bit).</summary>
    private static Rig WithTtb1(bool tbi1 = false, bool epd1 = false, int strw = 0)
    {
        var rig = new Rig();
        var low = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7000_0000, 0x1000, MapPermissions.Read));
        var high = rig.Stage1(Granule.Size4K, 39, new Mapping(0x1000, 0x7100_0000, 0x1000, MapPermissions.Read));
        var words = new CdFields { Ttb0 = low.Root }.Encode();
        words[0] = Bits.With(words[0], 21, 16, 25) | Bits.With(0, 23, 22, 2);   // T1SZ 25, TG1 4K
        words[0] = Bits.With(words[0], 30, 30, epd1 ? 1UL : 0);
        words[0] = Bits.With(words[0], 39, 39, tbi1 ? 1UL : 0);
        words[2] = high.Root;
        var cd = rig.Tables.Allocate(64, 64);
        rig.Memory.Write64(cd, words);
        rig.Ste(1, new SteFields { Config = SteConfig.Stage1, S1ContextPtr = cd, Strw = strw });
        return rig;
    }

    [Fact]
    public void Upper_addresses_walk_ttb1()
    {
        var rig = WithTtb1();
        Assert.Equal("OK 0x70000008", rig.Tx(1, 0x1008));
        Assert.Equal("OK 0x71000008", rig.Tx(1, 0xffff_ff80_0000_1008));
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0xffff7f8000001008", rig.Tx(1, 0xffff_7f80_0000_1008)); // not all ones above
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0x12ffff8000001008", rig.Tx(1, 0x12ff_ff80_0000_1008));  // tagged, no TBI
    }

    [Fact]
    public void Top_byte_ignore_lets_tagged_upper_addresses_through()
    {
        var rig = WithTtb1(tbi1: true);
        Assert.Equal("OK 0x71000008", rig.Tx(1, 0x12ff_ff80_0000_1008));
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0x12ff7f8000001008", rig.Tx(1, 0x12ff_7f80_0000_1008));
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0x1200000000001008", rig.Tx(1, 0x1200_0000_0000_1008)); // TBI0 is off
    }

    [Fact]
    public void Epd1_disables_upper_walks_and_el2_has_no_ttb1()
    {
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0xffffff8000001008", WithTtb1(epd1: true).Tx(1, 0xffff_ff80_0000_1008));
        Assert.Equal("OK 0x70000008", WithTtb1(epd1: true).Tx(1, 0x1008));
        var el2 = WithTtb1(strw: 0b10);
        Assert.Equal("FAULT F_TRANSLATION stage=1 va=0xffffff8000001008", el2.Tx(1, 0xffff_ff80_0000_1008));
        Assert.Equal("OK 0x70000008", el2.Tx(1, 0x1008));
    }
}
