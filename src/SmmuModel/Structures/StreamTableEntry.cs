namespace Viommu.SmmuModel.Structures;

/// <summary>STE.Config values.</summary>
public enum SteConfig
{
    Abort = 0b000,
    Bypass = 0b100,
    Stage1 = 0b101,
    Stage2 = 0b110,
    Nested = 0b111,
}

/// <summary>A Stream Table Entry (64 bytes), decoded from its first four little-endian words.</summary>
public readonly struct StreamTableEntry
{
    public readonly ulong Word0, Word1, Word2, Word3;

    public StreamTableEntry(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        Word0 = w0;
        Word1 = w1;
        Word2 = w2;
        Word3 = w3;
    }

    public bool Valid => Bits.Bit(Word0, 0);
    /// <summary>The raw 3-bit Config field.</summary>
    public int Config => (int)Bits.Field(Word0, 3, 1);
    public bool Stage1Enabled => (Config & 0b101) == 0b101;
    public bool Stage2Enabled => (Config & 0b110) == 0b110;
    public int S1Fmt => (int)Bits.Field(Word0, 5, 4);
    public ulong S1ContextPtr => Bits.Range(Word0, 51, 6);
    public int S1CdMax => (int)Bits.Field(Word0, 63, 59);

    public int S1Dss => (int)Bits.Field(Word1, 1, 0);
    public bool S1StallDisable => Bits.Bit(Word1, 27);
    public int Eats => (int)Bits.Field(Word1, 29, 28);
    public int Strw => (int)Bits.Field(Word1, 31, 30);
    public int PrivCfg => (int)Bits.Field(Word1, 49, 48);
    public int InstCfg => (int)Bits.Field(Word1, 51, 50);

    public ushort S2Vmid => (ushort)Bits.Field(Word2, 15, 0);
    public int S2T0Sz => (int)Bits.Field(Word2, 37, 32);
    public ulong S2Sl0 => Bits.Field(Word2, 39, 38);
    public ulong S2Tg => Bits.Field(Word2, 47, 46);
    public ulong S2Ps => Bits.Field(Word2, 50, 48);
    public bool S2AA64 => Bits.Bit(Word2, 51);
    public bool S2Endi => Bits.Bit(Word2, 52);
    public bool S2Affd => Bits.Bit(Word2, 53);
    public bool S2Ptw => Bits.Bit(Word2, 54);
    public bool S2Hd => Bits.Bit(Word2, 55);
    public bool S2Ha => Bits.Bit(Word2, 56);
    public bool S2Stall => Bits.Bit(Word2, 57);
    public bool S2Record => Bits.Bit(Word2, 58);

    public ulong S2Ttb => Bits.Range(Word3, 51, 4);
}
