namespace Viommu.DtEngine.Dtb;

/// <summary>Flattened device tree constants (the blob format).</summary>
public static class Fdt
{
    public const uint Magic = 0xd00dfeed;
    public const uint BeginNode = 1;
    public const uint EndNode = 2;
    public const uint Prop = 3;
    public const uint Nop = 4;
    public const uint End = 9;
    public const int V1HeaderSize = 7 * 4;
    public const int V2HeaderSize = 8 * 4;
    public const int V3HeaderSize = 9 * 4;
    public const int V17HeaderSize = 10 * 4;
    public const int ReserveEntrySize = 16;
}
