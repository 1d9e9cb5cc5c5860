using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Walk;

/// <summary>
/// What one translation table descriptor means at its level: the next table, a leaf, or the fault a walk
/// takes there. The walker and the range enumerator both decide through this, so the ranges the validator
/// compares are exactly the ones a walk can reach.
/// </summary>
internal static class DescriptorDecoder
{
    private const ulong AccessFlag = 1UL << 10;

    /// <summary>Decodes <paramref name="descriptor"/> read at <paramref name="level"/> of <paramref name="t"/>.
    /// Returns null with the next table's address (<paramref name="isTable"/>) or the leaf's output base,
    /// or the fault.</summary>
    public static EventType? Decode(ulong descriptor, int level, in StageTables t, out ulong address, out bool isTable)
    {
        address = 0;
        isTable = false;
        var g = t.Granule;
        if ((descriptor & 1) == 0) return EventType.F_TRANSLATION;
        var tableOrPage = (descriptor & 2) != 0;
        if (level < 3 && tableOrPage)
        {
            address = Bits.Range(descriptor, 47, g.Bits());
            isTable = true;
            return Bits.Exceeds(address, t.OutputBits) ? EventType.F_ADDR_SIZE : null;
        }
        if (level == 3 ? !tableOrPage : !g.BlockAllowed(level)) return EventType.F_TRANSLATION;
        address = Bits.Range(descriptor, 47, g.LevelShift(level));
        if (Bits.Exceeds(address, t.OutputBits)) return EventType.F_ADDR_SIZE;
        if ((descriptor & AccessFlag) == 0 && !t.AccessFlagFaultDisabled) return EventType.F_ACCESS;
        return null;
    }
}
