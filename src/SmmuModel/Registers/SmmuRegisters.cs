using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Registers;

/// <summary>
/// The register state the model reads: identification registers (features), CR0, GBPA and the stream
/// table base registers. Raw values, with the fields decoded as properties.
/// </summary>
public sealed class SmmuRegisters
{
    /// <summary>IDR0 with both stages, AArch64 tables, 2-level stream and CD tables, 16-bit VMIDs and ASIDs,
    /// little-endian tables only, stall and terminate models, abort termination not forced.</summary>
    public const uint DefaultIdr0 = (1u << 27) | (2u << 21) | (1u << 19) | (1u << 18) | (1u << 12) | (2u << 2) | 0b11;

    /// <summary>IDR0: feature bits (ST_LEVEL 28:27, TERM_MODEL 26, STALL_MODEL 25:24, TTENDIAN 22:21,
    /// CD2L 19, VMID16 18, ASID16 12, HTTU 7:6, TTF 3:2, S1P 1, S2P 0).</summary>
    public uint Idr0 { get; set; } = DefaultIdr0;

    /// <summary>IDR1: SSIDSIZE (10:6) and SIDSIZE (5:0).</summary>
    public uint Idr1 { get; set; } = (8u << 6) | 16;

    /// <summary>IDR5: GRAN64K (6), GRAN16K (5), GRAN4K (4), OAS (2:0). Default: all granules, 48 bits.</summary>
    public uint Idr5 { get; set; } = 0b111_0000 | 5;

    /// <summary>CR0: SMMUEN is bit 0.</summary>
    public uint Cr0 { get; set; } = 1;

    /// <summary>GBPA: ABORT is bit 20.</summary>
    public uint Gbpa { get; set; }

    /// <summary>STRTAB_BASE: ADDR is bits 51:6.</summary>
    public ulong StrtabBase { get; set; }

    /// <summary>STRTAB_BASE_CFG: FMT 17:16, SPLIT 10:6, LOG2SIZE 5:0.</summary>
    public uint StrtabBaseCfg { get; set; }

    public bool Stage1Implemented => (Idr0 & 2) != 0;
    public bool Stage2Implemented => (Idr0 & 1) != 0;
    public bool AArch64Tables => (Idr0 & 0b1000) != 0;
    public bool TwoLevelStreamTables => Bits.Field(Idr0, 28, 27) != 0;
    public bool TwoLevelCdTables => Bits.Bit(Idr0, 19);
    public bool Vmid16 => Bits.Bit(Idr0, 18);
    public bool Asid16 => Bits.Bit(Idr0, 12);
    public int Httu => (int)Bits.Field(Idr0, 7, 6);
    public int TtEndian => (int)Bits.Field(Idr0, 22, 21);
    public int StallModel => (int)Bits.Field(Idr0, 25, 24);
    public bool TerminateModelAbortOnly => Bits.Bit(Idr0, 26);

    public int SidSize => (int)Bits.Field(Idr1, 5, 0);
    public int SsidSize => (int)Bits.Field(Idr1, 10, 6);

    /// <summary>Output address size in bits (IDR5.OAS).</summary>
    public int OasBits => AddressSize.ToBits(Bits.Field(Idr5, 2, 0));

    /// <summary>Intermediate address size: equal to the OAS when only AArch64 tables are implemented.</summary>
    public int IasBits => OasBits;

    public bool SupportsGranule(Granule g) => g switch
    {
        Granule.Size4K => Bits.Bit(Idr5, 4),
        Granule.Size16K => Bits.Bit(Idr5, 5),
        Granule.Size64K => Bits.Bit(Idr5, 6),
        _ => false,
    };

    public bool SmmuEnabled => (Cr0 & 1) != 0;
    public bool GlobalAbort => Bits.Bit(Gbpa, 20);

    public ulong StreamTableAddress => Bits.Range(StrtabBase, 51, 6);
    public bool StreamTableTwoLevel => TwoLevelStreamTables && Bits.Field(StrtabBaseCfg, 17, 16) == 1;

    /// <summary>SPLIT: 6, 8 or 10; reserved values behave as 6.</summary>
    public int StreamTableSplit
    {
        get
        {
            var split = (int)Bits.Field(StrtabBaseCfg, 10, 6);
            return split is 6 or 8 or 10 ? split : 6;
        }
    }

    /// <summary>Effective LOG2SIZE: MIN(LOG2SIZE, IDR1.SIDSIZE).</summary>
    public int StreamTableLog2Size => Math.Min((int)Bits.Field(StrtabBaseCfg, 5, 0), SidSize);

    /// <summary>Sets IDR5.OAS from a size in bits.</summary>
    public void SetOasBits(int bits)
    {
        var enc = AddressSize.ToEncoding(bits);
        if (enc < 0) throw new ArgumentOutOfRangeException(nameof(bits), bits, "OAS must be 32, 36, 40, 42, 44, 48 or 52 bits");
        Idr5 = (uint)Bits.With(Idr5, 2, 0, (ulong)enc);
    }

    public void SetSidSize(int bits) => Idr1 = (uint)Bits.With(Idr1, 5, 0, (ulong)bits);
    public void SetSsidSize(int bits) => Idr1 = (uint)Bits.With(Idr1, 10, 6, (ulong)bits);
}
