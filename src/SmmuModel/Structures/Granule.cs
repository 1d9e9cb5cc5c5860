namespace Viommu.SmmuModel.Structures;

/// <summary>A translation granule.</summary>
public enum Granule
{
    Size4K = 12,
    Size16K = 14,
    Size64K = 16,
}

/// <summary>Facts about a granule that a VMSAv8-64 walk needs.</summary>
public static class GranuleInfo
{
    /// <summary>log2 of the granule size (12, 14, 16).</summary>
    public static int Bits(this Granule g) => (int)g;

    /// <summary>Address bits resolved by one level (9, 11, 13).</summary>
    public static int Stride(this Granule g) => (int)g - 3;

    /// <summary>The lowest address bit a level resolves.</summary>
    public static int LevelShift(this Granule g, int level) => g.Bits() + g.Stride() * (3 - level);

    /// <summary>Whether a block descriptor is allowed at <paramref name="level"/> (no 52-bit features).</summary>
    public static bool BlockAllowed(this Granule g, int level) =>
        g == Granule.Size4K ? level is 1 or 2 : level == 2;

    /// <summary>Decodes CD.TG0 and STE.S2TG (0 4K, 1 64K, 2 16K); null for the reserved value.</summary>
    public static Granule? FromTg0(ulong tg) => tg switch
    {
        0 => Granule.Size4K,
        1 => Granule.Size64K,
        2 => Granule.Size16K,
        _ => null,
    };

    /// <summary>Decodes CD.TG1 (1 16K, 2 4K, 3 64K); null for the reserved value.</summary>
    public static Granule? FromTg1(ulong tg) => tg switch
    {
        1 => Granule.Size16K,
        2 => Granule.Size4K,
        3 => Granule.Size64K,
        _ => null,
    };

    public static ulong ToTg0(this Granule g) => g switch
    {
        Granule.Size4K => 0,
        Granule.Size64K => 1,
        _ => 2,
    };

    public static ulong ToTg1(this Granule g) => g switch
    {
        Granule.Size16K => 1,
        Granule.Size4K => 2,
        _ => 3,
    };

    /// <summary>Stage-1 start level: the fewest levels that cover an input of <paramref name="inputBits"/>.</summary>
    public static int Stage1StartLevel(this Granule g, int inputBits)
    {
        var levels = (inputBits - g.Bits() + g.Stride() - 1) / g.Stride();
        return 4 - levels;
    }

    /// <summary>Stage-2 start level from S2SL0; null for a reserved encoding.</summary>
    public static int? Stage2StartLevel(this Granule g, ulong sl0) => (g, sl0) switch
    {
        (Granule.Size4K, 0) => 2,
        (Granule.Size4K, 1) => 1,
        (Granule.Size4K, 2) => 0,
        (_, 0) when g != Granule.Size4K => 3,
        (_, 1) when g != Granule.Size4K => 2,
        (_, 2) when g != Granule.Size4K => 1,
        _ => null,
    };

    /// <summary>The S2SL0 encoding of a start level.</summary>
    public static ulong ToSl0(this Granule g, int startLevel) =>
        g == Granule.Size4K ? (ulong)(2 - startLevel) : (ulong)(3 - startLevel);

    /// <summary>Address bits a table at <paramref name="level"/> resolves: a full stride below the start level,
    /// everything left of the input at the start level (which may be several concatenated tables).</summary>
    public static int IndexBits(this Granule g, int level, int startLevel, int inputBits) =>
        level == startLevel ? g.StartLevelBits(startLevel, inputBits) : g.Stride();

    /// <summary>Address bits the start level resolves for an input of <paramref name="inputBits"/>.</summary>
    public static int StartLevelBits(this Granule g, int startLevel, int inputBits) =>
        inputBits - g.LevelShift(startLevel);
}
