using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Builders;

/// <summary>Writes a linear or 2-level stream table into simulated memory. Level-2 tables are allocated
/// full-size (Span = SPLIT + 1) when a StreamID in their range first gets an STE, as Linux does.</summary>
public sealed class StreamTableBuilder
{
    private readonly PhysicalMemory _memory;
    private readonly MemoryAllocator _allocator;
    private readonly Dictionary<uint, ulong> _level2 = new();

    private StreamTableBuilder(PhysicalMemory memory, MemoryAllocator allocator, int log2Size, int? split)
    {
        _memory = memory;
        _allocator = allocator;
        Log2Size = log2Size;
        Split = split;
        var entries = split is { } s ? 1UL << Math.Max(0, log2Size - s) : 1UL << log2Size;
        var bytes = entries * (split is null ? 64UL : 8UL);
        Base = allocator.Allocate(bytes, Math.Max(64UL, bytes));
    }

    /// <summary>A linear table of 2^<paramref name="log2Size"/> STEs.</summary>
    public static StreamTableBuilder Linear(PhysicalMemory memory, MemoryAllocator allocator, int log2Size) =>
        new(memory, allocator, log2Size, null);

    /// <summary>A 2-level table split at <paramref name="split"/> (6, 8 or 10) bits.</summary>
    public static StreamTableBuilder TwoLevel(PhysicalMemory memory, MemoryAllocator allocator, int log2Size, int split)
    {
        if (split is not (6 or 8 or 10)) throw new ArgumentOutOfRangeException(nameof(split), "SPLIT must be 6, 8 or 10");
        return new StreamTableBuilder(memory, allocator, log2Size, split);
    }

    public ulong Base { get; }
    public int Log2Size { get; }
    public int? Split { get; }

    public ulong StrtabBase => Base;
    public uint StrtabBaseCfg => (uint)Log2Size | (Split is { } s ? ((uint)s << 6) | (1u << 16) : 0);

    /// <summary>Points the registers at this table.</summary>
    public void Apply(SmmuRegisters registers)
    {
        registers.StrtabBase = StrtabBase;
        registers.StrtabBaseCfg = StrtabBaseCfg;
    }

    /// <summary>The address of a StreamID's STE (allocating its level-2 table if needed).</summary>
    public ulong SteAddress(uint sid)
    {
        if (Log2Size < 32 && sid >> Log2Size != 0) throw new ArgumentOutOfRangeException(nameof(sid), $"StreamID 0x{sid:x} is beyond the table");
        if (Split is not { } split) return Base + 64UL * sid;
        var l1Index = sid >> split;
        if (!_level2.TryGetValue(l1Index, out var l2))
        {
            var bytes = 64UL << split;
            l2 = _allocator.Allocate(bytes, bytes);
            _level2.Add(l1Index, l2);
            _memory.Write64(Base + 8UL * l1Index, l2 | (uint)(split + 1));
        }
        return l2 + 64UL * (sid & (uint)Bits.Mask(split));
    }

    public void WriteSte(uint sid, ReadOnlySpan<ulong> words) => _memory.Write64(SteAddress(sid), words);
}
