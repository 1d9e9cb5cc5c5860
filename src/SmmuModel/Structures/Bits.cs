namespace Viommu.SmmuModel.Structures;

/// <summary>Bit-field helpers over little-endian 64-bit words, named as the specification names bit ranges.</summary>
public static class Bits
{
    /// <summary>Bits [hi:lo] of <paramref name="word"/>, shifted down.</summary>
    public static ulong Field(ulong word, int hi, int lo) => (word >> lo) & Mask(hi - lo + 1);

    /// <summary>Bit <paramref name="bit"/> of <paramref name="word"/>.</summary>
    public static bool Bit(ulong word, int bit) => ((word >> bit) & 1) != 0;

    /// <summary>Bits [hi:lo] of <paramref name="word"/> in place (not shifted), others cleared.</summary>
    public static ulong Range(ulong word, int hi, int lo) => word & (Mask(hi - lo + 1) << lo);

    /// <summary>A mask of the low <paramref name="width"/> bits (width 0..64).</summary>
    public static ulong Mask(int width) => width >= 64 ? ulong.MaxValue : (1UL << width) - 1;

    /// <summary><paramref name="word"/> with bits [hi:lo] replaced by <paramref name="value"/>.</summary>
    public static ulong With(ulong word, int hi, int lo, ulong value)
    {
        var mask = Mask(hi - lo + 1) << lo;
        return (word & ~mask) | ((value << lo) & mask);
    }

    /// <summary>True when <paramref name="address"/> does not fit in <paramref name="bits"/> bits.</summary>
    public static bool Exceeds(ulong address, int bits) => bits < 64 && (address >> bits) != 0;
}
