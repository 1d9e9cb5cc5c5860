using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Translation;

/// <summary>Locates the STE of a StreamID in a linear or 2-level stream table.</summary>
public static class StreamTableLookup
{
    /// <summary>The STE address, or the event that stops the lookup.</summary>
    public readonly record struct Result(ulong SteAddress, EventType? Event, ulong? FetchAddress);

    public static Result Find(SmmuRegisters regs, PhysicalMemory memory, uint sid)
    {
        var log2Size = regs.StreamTableLog2Size;
        if (log2Size < 32 && sid >> log2Size != 0) return new Result(0, EventType.C_BAD_STREAMID, null);
        var baseAddress = regs.StreamTableAddress;
        if (!regs.StreamTableTwoLevel) return new Result(baseAddress + 64UL * sid, null, null);

        var split = regs.StreamTableSplit;
        var l1Address = baseAddress + 8UL * (sid >> split);
        if (!memory.TryRead64(l1Address, out var l1)) return new Result(0, EventType.F_STE_FETCH, l1Address);
        var span = (int)Bits.Field(l1, 4, 0);
        // Span 0 and reserved spans (12..31, or beyond SPLIT+1) reach no STE.
        if (span == 0 || span > 11 || span > split + 1) return new Result(0, EventType.C_BAD_STREAMID, null);
        var offset = sid & (uint)Bits.Mask(split);
        if (offset >= 1u << (span - 1)) return new Result(0, EventType.C_BAD_STREAMID, null);
        var l2 = Bits.Range(l1, 51, 6) & ~Bits.Mask(6 + span - 1);
        return new Result(l2 + 64UL * offset, null, null);
    }
}
