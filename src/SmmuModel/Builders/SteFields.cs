using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Builders;

/// <summary>The fields of an STE to write; <see cref="Encode"/> gives its eight words.</summary>
public sealed record SteFields
{
    public bool Valid { get; init; } = true;
    public SteConfig Config { get; init; } = SteConfig.Abort;
    public ulong S1ContextPtr { get; init; }
    public int S1CdMax { get; init; }
    public int S1Fmt { get; init; }
    public int S1Dss { get; init; }
    public int Strw { get; init; }
    public ushort Vmid { get; init; }
    public Stage2Layout? Stage2 { get; init; }
    public ulong S2Ttb { get; init; }
    public bool S2Affd { get; init; }
    /// <summary>S2R: record stage-2 faults (Xen sets it).</summary>
    public bool S2Record { get; init; } = true;

    /// <summary>Xen's stage-2-only STE for a domain.</summary>
    public static SteFields Stage2Only(ushort vmid, Stage2Layout layout, ulong root) =>
        new() { Config = SteConfig.Stage2, Vmid = vmid, Stage2 = layout, S2Ttb = root };

    /// <summary>The physical STE Xen installs for a guest's stage-1 STE: guest stage 1, Xen's stage 2.</summary>
    public static SteFields Nested(ushort vmid, Stage2Layout layout, ulong root, ulong cdIpa, int s1CdMax = 0, int s1Dss = 0) =>
        new() { Config = SteConfig.Nested, Vmid = vmid, Stage2 = layout, S2Ttb = root, S1ContextPtr = cdIpa, S1CdMax = s1CdMax, S1Dss = s1Dss };

    public ulong[] Encode()
    {
        var w = new ulong[8];
        w[0] = (Valid ? 1UL : 0) | ((ulong)Config << 1) | Bits.With(0, 5, 4, (ulong)S1Fmt)
               | Bits.Range(S1ContextPtr, 51, 6) | Bits.With(0, 63, 59, (ulong)S1CdMax);
        w[1] = Bits.With(0, 1, 0, (ulong)S1Dss) | Bits.With(0, 31, 30, (ulong)Strw);
        if (Stage2 is { } s2)
        {
            w[2] = Vmid | Bits.With(0, 37, 32, (ulong)s2.T0Sz) | Bits.With(0, 39, 38, s2.Sl0)
                   | Bits.With(0, 41, 40, 1) | Bits.With(0, 43, 42, 1) | Bits.With(0, 45, 44, 3)
                   | Bits.With(0, 47, 46, s2.Granule.ToTg0()) | Bits.With(0, 50, 48, s2.PsEncoding)
                   | (1UL << 51) | (S2Affd ? 1UL << 53 : 0) | (S2Record ? 1UL << 58 : 0);
            w[3] = Bits.Range(S2Ttb, 51, 4);
        }
        return w;
    }
}
