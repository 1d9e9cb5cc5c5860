using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Walk;

/// <summary>A reachable leaf of a table set: an input range, where it goes, and the descriptor.</summary>
public readonly record struct LeafRange(ulong Input, ulong Output, ulong Size, ulong Descriptor, int Level)
{
    public ulong InputEnd => Input + Size;
}

/// <summary>
/// Enumerates the leaves a walk can reach, as address ranges: it descends only into valid table entries,
/// so the cost follows the number of populated entries, not the size of the address space. Entries a
/// walk would fault on (reserved encodings, blocks where none are allowed, out-of-range addresses, a clear
/// access flag) are not reachable and are left out.
/// </summary>
public static class TableRanges
{
    public static List<LeafRange> Leaves(PhysicalMemory memory, in StageTables tables, Func<ulong, ulong>? toPhysical = null)
    {
        var result = new List<LeafRange>();
        Visit(memory, tables, toPhysical, tables.Root, tables.StartLevel, 0, result);
        return result;
    }

    private static void Visit(PhysicalMemory memory, in StageTables t, Func<ulong, ulong>? toPhysical, ulong table,
        int level, ulong inputBase, List<LeafRange> result)
    {
        var g = t.Granule;
        var shift = g.LevelShift(level);
        var entries = 1UL << g.IndexBits(level, t.StartLevel, t.InputBits);
        for (ulong i = 0; i < entries; i++)
        {
            var slot = table + i * 8;
            var descriptor = memory.Read64(toPhysical is null ? slot : toPhysical(slot));
            var input = inputBase + (i << shift);
            if (DescriptorDecoder.Decode(descriptor, level, t, out var address, out var isTable) is not null) continue;
            if (isTable)
            {
                Visit(memory, t, toPhysical, address, level + 1, input, result);
                continue;
            }
            result.Add(new LeafRange(input, address, 1UL << shift, descriptor, level));
        }
    }
}
