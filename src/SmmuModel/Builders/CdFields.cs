using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Builders;

/// <summary>The fields of a stage-1 CD to write (TTB0 only; TTB1 walks disabled); <see cref="Encode"/>
/// gives its eight words.</summary>
public sealed record CdFields
{
    public bool Valid { get; init; } = true;
    public Granule Granule { get; init; } = Granule.Size4K;
    public int T0Sz { get; init; } = 25;
    public ulong Ttb0 { get; init; }
    public int IpsBits { get; init; } = 48;
    public ushort Asid { get; init; }
    /// <summary>R: record stage-1 faults.</summary>
    public bool Record { get; init; } = true;
    public bool Affd { get; init; }
    public bool Wxn { get; init; }
    public ulong Mair { get; init; } = 0x0404ff;

    /// <summary>The start level a walk of this CD uses.</summary>
    public int StartLevel => Granule.Stage1StartLevel(64 - T0Sz);

    public ulong[] Encode()
    {
        var w = new ulong[8];
        w[0] = Bits.With(0, 5, 0, (ulong)T0Sz) | Bits.With(0, 7, 6, Granule.ToTg0())
               | Bits.With(0, 9, 8, 1) | Bits.With(0, 11, 10, 1) | Bits.With(0, 13, 12, 3)
               | (1UL << 30) /* EPD1 */ | (Valid ? 1UL << 31 : 0)
               | Bits.With(0, 34, 32, (ulong)AddressSize.ToEncoding(IpsBits))
               | (Affd ? 1UL << 35 : 0) | (Wxn ? 1UL << 36 : 0) | (1UL << 41) /* AA64 */
               | (Record ? 1UL << 45 : 0) | (1UL << 46) /* A */ | Bits.With(0, 63, 48, Asid);
        w[1] = Bits.Range(Ttb0, 51, 4);
        w[3] = Mair;
        return w;
    }
}
