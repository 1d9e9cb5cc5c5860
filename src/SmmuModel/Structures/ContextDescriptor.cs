namespace Viommu.SmmuModel.Structures;

/// <summary>A stage-1 Context Descriptor (64 bytes), decoded from its first four little-endian words.</summary>
public readonly struct ContextDescriptor
{
    public readonly ulong Word0, Word1, Word2, Word3;

    public ContextDescriptor(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        Word0 = w0;
        Word1 = w1;
        Word2 = w2;
        Word3 = w3;
    }

    public int T0Sz => (int)Bits.Field(Word0, 5, 0);
    public ulong Tg0 => Bits.Field(Word0, 7, 6);
    public bool Epd0 => Bits.Bit(Word0, 14);
    public bool Endi => Bits.Bit(Word0, 15);
    public int T1Sz => (int)Bits.Field(Word0, 21, 16);
    public ulong Tg1 => Bits.Field(Word0, 23, 22);
    public bool Epd1 => Bits.Bit(Word0, 30);
    public bool Valid => Bits.Bit(Word0, 31);
    public ulong Ips => Bits.Field(Word0, 34, 32);
    public bool Affd => Bits.Bit(Word0, 35);
    public bool Wxn => Bits.Bit(Word0, 36);
    public bool Uwxn => Bits.Bit(Word0, 37);
    public bool Tbi0 => Bits.Bit(Word0, 38);
    public bool Tbi1 => Bits.Bit(Word0, 39);
    public bool AA64 => Bits.Bit(Word0, 41);
    public bool Hd => Bits.Bit(Word0, 42);
    public bool Ha => Bits.Bit(Word0, 43);
    public bool Stall => Bits.Bit(Word0, 44);
    public bool Record => Bits.Bit(Word0, 45);
    public bool AbortOnFault => Bits.Bit(Word0, 46);
    public ushort Asid => (ushort)Bits.Field(Word0, 63, 48);

    public ulong Ttb0 => Bits.Range(Word1, 51, 4);
    public ulong Ttb1 => Bits.Range(Word2, 51, 4);
    public ulong Mair => Word3;
}
