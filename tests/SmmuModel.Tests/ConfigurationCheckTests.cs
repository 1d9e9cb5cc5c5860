using System.Globalization;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

/// <summary>
/// Every ILLEGAL rule for STEs and CDs, one field at a time from a legal nested STE and a legal CD: the rule fires
/// with its reason, and the neighbouring legal value (the other side of each boundary) stays legal. Edits are
/// written <c>ste.w2[57]=1</c>, <c>cd.w0[63:48]=0x100</c>, <c>idr0[25:24]=1</c> (bit positions as in the
/// architecture's field tables).
/// </summary>
public sealed class ConfigurationCheckTests
{
    // Nested, 4K granule, 40-bit IPA (T0SZ 24) starting at level 1, S2PS 40 bits, AArch64; CD pointer 0x1000.
    private static readonly ulong[] LegalSte =
    {
        1UL | (0b111UL << 1) | 0x1000,
        0,
        1UL | (24UL << 32) | (1UL << 38) | (0b010UL << 48) | (1UL << 51),
        0x2000,
    };

    // EL1 CD: T0SZ 24, 4K granule, TTB1 walks disabled, IPS 40 bits, AArch64, abort on fault, ASID 1, TTB0 0x3000.
    private static readonly ulong[] LegalCd =
    {
        24UL | (1UL << 30) | (1UL << 31) | (0b010UL << 32) | (1UL << 41) | (1UL << 46) | (1UL << 48),
        0x3000,
        0,
        0,
    };

    private static (StreamTableEntry Ste, ContextDescriptor Cd, SmmuRegisters Regs) Build(string edits)
    {
        var ste = (ulong[])LegalSte.Clone();
        var cd = (ulong[])LegalCd.Clone();
        var regs = new SmmuRegisters();
        foreach (var edit in edits.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var open = edit.IndexOf('[');
            var close = edit.IndexOf(']');
            var target = edit[..open];
            var range = edit[(open + 1)..close].Split(':');
            var hi = int.Parse(range[0], CultureInfo.InvariantCulture);
            var lo = range.Length > 1 ? int.Parse(range[1], CultureInfo.InvariantCulture) : hi;
            var text = edit[(close + 2)..];
            var value = text.StartsWith("0x", StringComparison.Ordinal)
                ? ulong.Parse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                : ulong.Parse(text, CultureInfo.InvariantCulture);
            switch (target)
            {
                case "idr0": regs.Idr0 = (uint)Bits.With(regs.Idr0, hi, lo, value); break;
                case "idr1": regs.Idr1 = (uint)Bits.With(regs.Idr1, hi, lo, value); break;
                case "idr5": regs.Idr5 = (uint)Bits.With(regs.Idr5, hi, lo, value); break;
                default:
                    var words = target.StartsWith("ste", StringComparison.Ordinal) ? ste : cd;
                    var w = target[^1] - '0';
                    words[w] = Bits.With(words[w], hi, lo, value);
                    break;
            }
        }
        return (new StreamTableEntry(ste[0], ste[1], ste[2], ste[3]), new ContextDescriptor(cd[0], cd[1], cd[2], cd[3]), regs);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("ste.w0[0]=0", "V is 0")]
    [InlineData("ste.w0[3:1]=1", "Config 001 is reserved")]
    [InlineData("ste.w0[3:1]=3", "Config 011 is reserved")]
    [InlineData("ste.w0[3:1]=0", null)]
    [InlineData("ste.w0[3:1]=4", null)]
    [InlineData("idr0[1]=0", "stage 1 is not implemented")]
    [InlineData("ste.w1[31:30]=1", "STRW 1 is reserved")]
    [InlineData("ste.w1[31:30]=2", null)]
    [InlineData("ste.w1[27]=1 idr0[25:24]=1", "S1STALLD is set but stalls are not configurable")]
    [InlineData("ste.w1[27]=1", null)]
    [InlineData("idr1[10:6]=4 ste.w0[63:59]=5", "S1CDMax 5 exceeds SSIDSIZE 4")]
    [InlineData("idr1[10:6]=4 ste.w0[63:59]=4", null)]
    [InlineData("idr1[10:6]=0 ste.w0[63:59]=5", null)]
    [InlineData("ste.w0[63:59]=2 ste.w0[5:4]=1 idr0[19]=0", "S1Fmt selects a 2-level CD table but IDR0.CD2L is 0")]
    [InlineData("ste.w0[63:59]=2 ste.w0[5:4]=2 idr0[19]=0", "S1Fmt selects a 2-level CD table but IDR0.CD2L is 0")]
    [InlineData("ste.w0[63:59]=2 ste.w0[5:4]=1", null)]
    [InlineData("ste.w0[63:59]=0 ste.w0[5:4]=1 idr0[19]=0", null)]
    [InlineData("ste.w0[63:59]=2 ste.w0[5:4]=0 idr0[19]=0", null)]
    [InlineData("ste.w0[51:48]=1", "S1ContextPtr is out of range")]
    [InlineData("ste.w0[47]=1", null)]
    [InlineData("idr0[0]=0", "stage 2 is not implemented")]
    [InlineData("ste.w2[57]=1 idr0[25:24]=1", "S2S is set but stalls are not supported")]
    [InlineData("ste.w2[57]=1", null)]
    [InlineData("idr0[25:24]=2", "S2S is clear but stalls are forced")]
    [InlineData("ste.w2[57]=1 idr0[25:24]=2", null)]
    [InlineData("ste.w2[51]=0", "S2AA64 selects AArch32 tables")]
    [InlineData("idr0[3:2]=1", "AArch64 tables are not implemented")]
    [InlineData("ste.w2[52]=1", "S2ENDI selects big-endian tables")]
    [InlineData("ste.w2[56]=1", "S2HA/S2HD set without HTTU")]
    [InlineData("ste.w2[55]=1", "S2HA/S2HD set without HTTU")]
    [InlineData("ste.w2[56]=1 idr0[7:6]=1", null)]
    [InlineData("ste.w2[55]=1 idr0[7:6]=1", "S2HD set but only access-flag updates are supported")]
    [InlineData("ste.w2[55]=1 idr0[7:6]=2", null)]
    [InlineData("ste.w2[15:0]=0x100 idr0[18]=0", "S2VMID has more than 8 bits")]
    [InlineData("ste.w2[15:0]=0xff idr0[18]=0", null)]
    [InlineData("ste.w2[15:0]=0x100", null)]
    [InlineData("ste.w2[47:46]=3", "S2TG 3 selects an unsupported granule")]
    [InlineData("ste.w2[47:46]=1 idr5[6]=0", "S2TG 1 selects an unsupported granule")]
    [InlineData("ste.w3[40]=1", "S2TTB is beyond the effective S2PS")]
    [InlineData("ste.w3[39]=1", null)]
    [InlineData("ste.w3[40]=1 ste.w2[50:48]=5", null)]
    [InlineData("ste.w2[37:32]=15 ste.w2[39:38]=2", "S2T0SZ 15 is outside 16..39")]
    [InlineData("ste.w2[37:32]=16 ste.w2[39:38]=2", null)]
    [InlineData("ste.w2[37:32]=40 ste.w2[39:38]=0", "S2T0SZ 40 is outside 16..39")]
    [InlineData("ste.w2[37:32]=39 ste.w2[39:38]=0", null)]
    [InlineData("ste.w2[47:46]=1 ste.w2[37:32]=11 ste.w2[39:38]=2 idr5[2:0]=6", "S2T0SZ 11 is outside 12..39")]
    [InlineData("ste.w2[47:46]=1 ste.w2[37:32]=15 ste.w2[39:38]=2", "S2T0SZ 15 is outside 16..39")]
    [InlineData("ste.w2[39:38]=3", "S2SL0 3 is reserved")]
    [InlineData("ste.w2[37:32]=39 ste.w2[39:38]=2", "S2SL0 starts below the IPA size")]
    [InlineData("ste.w2[37:32]=25 ste.w2[39:38]=2", "S2SL0 starts below the IPA size")]
    [InlineData("ste.w2[37:32]=24 ste.w2[39:38]=2", null)]
    [InlineData("ste.w2[37:32]=16 ste.w2[39:38]=0", "S2SL0 would need more than 16 concatenated tables")]
    [InlineData("ste.w2[37:32]=29 ste.w2[39:38]=0", "S2SL0 would need more than 16 concatenated tables")]
    [InlineData("ste.w2[37:32]=30 ste.w2[39:38]=0", null)]
    public void Ste_rules(string edits, string? reason)
    {
        var (ste, _, regs) = Build(edits);
        Assert.Equal(reason, ConfigurationChecks.SteIllegal(ste, regs));
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("cd.w0[31]=0", "V is 0")]
    [InlineData("ste.w1[27]=1 cd.w0[44]=1", "S is set but the STE disables stalls")]
    [InlineData("cd.w0[44]=1", null)]
    [InlineData("idr0[26]=1 cd.w0[46]=0", "A is 0 but only abort termination is implemented")]
    [InlineData("idr0[26]=1", null)]
    [InlineData("cd.w0[46]=0", null)]
    [InlineData("idr0[25:24]=1 cd.w0[44]=1", "S is set but stalls are not supported")]
    [InlineData("idr0[25:24]=2", "S is clear but stalls are forced")]
    [InlineData("idr0[25:24]=2 cd.w0[44]=1", null)]
    [InlineData("cd.w0[15]=1", "ENDI selects big-endian tables")]
    [InlineData("cd.w0[41]=0", "AA64 selects AArch32 tables")]
    [InlineData("cd.w0[43]=1", "HA/HD set without HTTU")]
    [InlineData("cd.w0[42]=1", "HA/HD set without HTTU")]
    [InlineData("cd.w0[43]=1 idr0[7:6]=1", null)]
    [InlineData("cd.w0[42]=1 idr0[7:6]=1", "HD set but only access-flag updates are supported")]
    [InlineData("cd.w0[42]=1 idr0[7:6]=2", null)]
    [InlineData("cd.w0[63:48]=0x100 idr0[12]=0", "ASID has more than 8 bits")]
    [InlineData("cd.w0[63:48]=0xff idr0[12]=0", null)]
    [InlineData("cd.w0[63:48]=0x100", null)]
    [InlineData("cd.w0[63:48]=0x100 idr0[12]=0 ste.w1[31:30]=2", null)]
    [InlineData("cd.w0[5:0]=40", "TTB0: TxSZ 40 is outside 16..39")]
    [InlineData("cd.w0[5:0]=15", "TTB0: TxSZ 15 is outside 16..39")]
    [InlineData("cd.w0[5:0]=16", null)]
    [InlineData("cd.w0[5:0]=39", null)]
    [InlineData("cd.w0[7:6]=3", "TTB0: unsupported granule")]
    [InlineData("cd.w1[40]=1", "TTB0: table base is beyond the effective IPS")]
    [InlineData("cd.w1[39]=1", null)]
    [InlineData("cd.w0[14]=1 cd.w0[5:0]=40", null)]
    [InlineData("cd.w0[30]=0 cd.w0[23:22]=2", "TTB1: TxSZ 0 is outside 16..39")]
    [InlineData("cd.w0[30]=0", "TTB1: unsupported granule")]
    [InlineData("cd.w0[30]=0 cd.w0[21:16]=24 cd.w0[23:22]=2", null)]
    [InlineData("cd.w0[30]=0 cd.w0[23:22]=2 ste.w1[31:30]=2", null)]
    public void Cd_rules(string edits, string? reason)
    {
        var (ste, cd, regs) = Build(edits);
        Assert.Equal(reason, ConfigurationChecks.CdIllegal(cd, ste, regs));
    }
}
