namespace Viommu.SmmuModel.Registers;

/// <summary>The 3-bit address-size encoding shared by IDR5.OAS, CD.IPS and STE.S2PS.</summary>
public static class AddressSize
{
    private static readonly int[] BitsByEncoding = [32, 36, 40, 42, 44, 48, 52];

    /// <summary>Bits for an encoding; reserved encodings (7) read as the largest size.</summary>
    public static int ToBits(ulong encoding) => encoding < 7 ? BitsByEncoding[encoding] : 52;

    /// <summary>The encoding of a size in bits, or -1 when the size has none.</summary>
    public static int ToEncoding(int bits) => Array.IndexOf(BitsByEncoding, bits);

    /// <summary>The sizes that have an encoding, smallest first.</summary>
    public static IReadOnlyList<int> Supported => BitsByEncoding;
}
