using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Translation;

/// <summary>
/// The ILLEGAL-configuration rules for STEs (C_BAD_STE) and CDs (C_BAD_CD), for this model's feature set:
/// AArch64 little-endian tables, no ATS, no HTTU unless IDR0 says so, no 52-bit addressing.
/// </summary>
public static class ConfigurationChecks
{
    /// <summary>Why an STE is ILLEGAL, or null when it is legal.</summary>
    public static string? SteIllegal(in StreamTableEntry ste, SmmuRegisters regs)
    {
        if (!ste.Valid) return "V is 0";
        var config = ste.Config;
        if (config is >= 1 and <= 3) return $"Config {Convert.ToString(config, 2).PadLeft(3, '0')} is reserved";
        if (config == 0 || config == 0b100) return null;

        if (ste.Stage1Enabled)
        {
            if (!regs.Stage1Implemented) return "stage 1 is not implemented";
            if ((ste.Strw & 1) != 0) return $"STRW {ste.Strw} is reserved";
            if (ste.S1StallDisable && regs.StallModel != 0) return "S1STALLD is set but stalls are not configurable";
            if (regs.SsidSize != 0)
            {
                if (ste.S1CdMax > regs.SsidSize) return $"S1CDMax {ste.S1CdMax} exceeds SSIDSIZE {regs.SsidSize}";
                if (ste.S1CdMax != 0 && ste.S1Fmt is 1 or 2 && !regs.TwoLevelCdTables)
                    return "S1Fmt selects a 2-level CD table but IDR0.CD2L is 0";
            }
            var pointerBits = ste.Stage2Enabled ? regs.IasBits : regs.OasBits;
            if (Bits.Exceeds(ste.S1ContextPtr, pointerBits)) return "S1ContextPtr is out of range";
        }

        if (ste.Stage2Enabled)
        {
            if (!regs.Stage2Implemented) return "stage 2 is not implemented";
            if (ste.S2Stall && regs.StallModel == 1) return "S2S is set but stalls are not supported";
            if (!ste.S2Stall && regs.StallModel == 2) return "S2S is clear but stalls are forced";
            if (!ste.S2AA64) return "S2AA64 selects AArch32 tables";
            if (!regs.AArch64Tables) return "AArch64 tables are not implemented";
            if (ste.S2Endi) return "S2ENDI selects big-endian tables";
            if ((ste.S2Ha || ste.S2Hd) && regs.Httu == 0) return "S2HA/S2HD set without HTTU";
            if (ste.S2Hd && regs.Httu == 1) return "S2HD set but only access-flag updates are supported";
            if (!regs.Vmid16 && (ste.S2Vmid >> 8) != 0) return "S2VMID has more than 8 bits";
            var granule = GranuleInfo.FromTg0(ste.S2Tg);
            if (granule is not { } g || !regs.SupportsGranule(g)) return $"S2TG {ste.S2Tg} selects an unsupported granule";
            var outBits = Stage2OutputBits(ste, regs, g);
            if (Bits.Exceeds(ste.S2Ttb, outBits)) return "S2TTB is beyond the effective S2PS";
            var minTsz = Math.Max(g == Granule.Size64K ? 12 : 16, 64 - regs.IasBits);
            if (ste.S2T0Sz < minTsz || ste.S2T0Sz > 39) return $"S2T0SZ {ste.S2T0Sz} is outside {minTsz}..39";
            if (g.Stage2StartLevel(ste.S2Sl0) is not { } start) return $"S2SL0 {ste.S2Sl0} is reserved";
            var startBits = g.StartLevelBits(start, 64 - ste.S2T0Sz);
            if (startBits < 1) return "S2SL0 starts below the IPA size";
            if (startBits > g.Stride() + 4) return "S2SL0 would need more than 16 concatenated tables";
        }
        return null;
    }

    /// <summary>The effective stage-2 output size: S2PS capped to the OAS and to 48 bits below 64K granules.</summary>
    public static int Stage2OutputBits(in StreamTableEntry ste, SmmuRegisters regs, Granule g) =>
        EffectiveOutputBits(ste.S2Ps, regs, g);

    /// <summary>The effective stage-1 output size: IPS capped to the OAS and to 48 bits below 64K granules.</summary>
    public static int Stage1OutputBits(in ContextDescriptor cd, SmmuRegisters regs, Granule g) =>
        EffectiveOutputBits(cd.Ips, regs, g);

    private static int EffectiveOutputBits(ulong encoding, SmmuRegisters regs, Granule g) =>
        Math.Min(Math.Min(AddressSize.ToBits(encoding), regs.OasBits), g == Granule.Size64K ? 52 : 48);

    /// <summary>Why a CD is ILLEGAL, or null when it is legal.</summary>
    public static string? CdIllegal(in ContextDescriptor cd, in StreamTableEntry ste, SmmuRegisters regs)
    {
        if (!cd.Valid) return "V is 0";
        if (ste.S1StallDisable && cd.Stall) return "S is set but the STE disables stalls";
        if (regs.TerminateModelAbortOnly && !cd.AbortOnFault) return "A is 0 but only abort termination is implemented";
        if (regs.StallModel == 1 && cd.Stall) return "S is set but stalls are not supported";
        if (regs.StallModel == 2 && !cd.Stall) return "S is clear but stalls are forced";
        if (cd.Endi) return "ENDI selects big-endian tables";
        if (!cd.AA64) return "AA64 selects AArch32 tables";
        if ((cd.Ha || cd.Hd) && regs.Httu == 0) return "HA/HD set without HTTU";
        if (cd.Hd && regs.Httu == 1) return "HD set but only access-flag updates are supported";
        var el1 = ste.Strw == 0;
        if (el1 && !regs.Asid16 && (cd.Asid >> 8) != 0) return "ASID has more than 8 bits";
        if (!cd.Epd0 && HalfIllegal(cd.T0Sz, GranuleInfo.FromTg0(cd.Tg0), cd.Ttb0, cd, regs) is { } why0) return "TTB0: " + why0;
        if (el1 && !cd.Epd1 && HalfIllegal(cd.T1Sz, GranuleInfo.FromTg1(cd.Tg1), cd.Ttb1, cd, regs) is { } why1) return "TTB1: " + why1;
        return null;
    }

    private static string? HalfIllegal(int tsz, Granule? granule, ulong ttb, in ContextDescriptor cd, SmmuRegisters regs)
    {
        if (granule is not { } g || !regs.SupportsGranule(g)) return "unsupported granule";
        if (tsz < 16 || tsz > 39) return $"TxSZ {tsz} is outside 16..39";
        if (Bits.Exceeds(ttb, Stage1OutputBits(cd, regs, g))) return "table base is beyond the effective IPS";
        return null;
    }
}
