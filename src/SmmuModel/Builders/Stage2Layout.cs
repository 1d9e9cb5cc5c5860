using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Builders;

/// <summary>A stage-2 configuration as a hypervisor chooses it (Xen's VTCR_EL2 choices): the IPA size,
/// granule and start level, and the output size.</summary>
public sealed record Stage2Layout(Granule Granule, int IpaBits, int StartLevel, int OutputBits)
{
    /// <summary>The fewest levels whose root needs at most 16 concatenated tables: for a 40-bit IPA with 4K
    /// pages, level 1 with two tables, as Xen programs it.</summary>
    public static Stage2Layout For(int ipaBits, Granule granule, int outputBits)
    {
        for (var level = 3; level >= 0; level--)
        {
            var bits = granule.StartLevelBits(level, ipaBits);
            if (bits >= 1 && bits <= granule.Stride() + 4 && granule.Stage2StartLevel(granule.ToSl0(level)) == level)
                return new Stage2Layout(granule, ipaBits, level, outputBits);
        }
        throw new ArgumentException($"no stage-2 start level covers a {ipaBits}-bit IPA with this granule");
    }

    public int T0Sz => 64 - IpaBits;
    public ulong Sl0 => Granule.ToSl0(StartLevel);
    public ulong PsEncoding => (ulong)AddressSize.ToEncoding(OutputBits);
}
