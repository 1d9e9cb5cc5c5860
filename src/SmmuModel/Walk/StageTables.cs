using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Walk;

/// <summary>One configured translation stage: where its tables are and how to walk them.</summary>
/// <param name="Stage">1 or 2.</param>
/// <param name="Granule">The translation granule.</param>
/// <param name="StartLevel">The level of the root table (0..3).</param>
/// <param name="InputBits">The input address size (64 - TxSZ).</param>
/// <param name="Root">The root table address, aligned to the root's size (for stage 1 in a nested
/// configuration, an IPA).</param>
/// <param name="OutputBits">The effective output size (IPS or S2PS, capped to the OAS).</param>
/// <param name="AccessFlagFaultDisabled">AFFD: a clear access flag does not fault.</param>
public readonly record struct StageTables(
    int Stage,
    Granule Granule,
    int StartLevel,
    int InputBits,
    ulong Root,
    int OutputBits,
    bool AccessFlagFaultDisabled)
{
    /// <summary>A stage whose root is aligned down to its size, as the walk uses the base register.</summary>
    public static StageTables Create(int stage, Granule granule, int startLevel, int inputBits, ulong baseRegister,
        int outputBits, bool affd)
    {
        var rootBytesLog2 = granule.StartLevelBits(startLevel, inputBits) + 3;
        var root = Bits.Range(baseRegister, 47, Math.Max(rootBytesLog2, 4));
        return new StageTables(stage, granule, startLevel, inputBits, root, outputBits, affd);
    }
}
