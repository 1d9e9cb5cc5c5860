using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Builders;

/// <summary>
/// Writes VMSAv8-64 translation tables into simulated memory from a list of mappings, using the largest
/// block each range's alignment allows, as a hypervisor or OS page-table allocator does.
/// </summary>
public sealed class PageTableBuilder
{
    private readonly PhysicalMemory _memory;
    private readonly MemoryAllocator _tables;
    private readonly Func<ulong, ulong>? _toPhysical;

    /// <param name="memory">Where the tables live.</param>
    /// <param name="tableAllocator">Space for tables, in the tables' own address space.</param>
    /// <param name="stage">1 or 2 (selects the attribute encoding).</param>
    /// <param name="granule">The granule.</param>
    /// <param name="startLevel">The root's level.</param>
    /// <param name="inputBits">The input size; the root is concatenated when it resolves more than one table.</param>
    /// <param name="toPhysical">For tables that live in IPA space (a guest's stage 1 under nesting): IPA to PA.</param>
    public PageTableBuilder(PhysicalMemory memory, MemoryAllocator tableAllocator, int stage, Granule granule,
        int startLevel, int inputBits, Func<ulong, ulong>? toPhysical = null)
    {
        var rootBits = granule.StartLevelBits(startLevel, inputBits);
        if (rootBits < 1 || rootBits > granule.Stride() + 4)
            throw new ArgumentException($"start level {startLevel} cannot cover a {inputBits}-bit input with a {1 << granule.Bits()}-byte granule");
        _memory = memory;
        _tables = tableAllocator;
        _toPhysical = toPhysical;
        Stage = stage;
        Granule = granule;
        StartLevel = startLevel;
        InputBits = inputBits;
        var rootSize = 8UL << rootBits;
        Root = tableAllocator.Allocate(rootSize, Math.Max(rootSize, 1UL << granule.Bits()));
        Clear(Root, rootSize);
    }

    public int Stage { get; }
    public Granule Granule { get; }
    public int StartLevel { get; }
    public int InputBits { get; }

    /// <summary>The root table address (in the tables' address space).</summary>
    public ulong Root { get; }

    /// <summary>Number of leaf descriptors written.</summary>
    public int Leaves { get; private set; }

    /// <summary>The stage as the walker sees it.</summary>
    public StageTables Tables(int outputBits, bool accessFlagFaultDisabled = false) =>
        new(Stage, Granule, StartLevel, InputBits, Root, outputBits, accessFlagFaultDisabled);

    /// <summary>Maps one range. Ranges must be granule-aligned, inside the input size, and must not overlap
    /// anything mapped before.</summary>
    public void Map(Mapping m)
    {
        var pageSize = 1UL << Granule.Bits();
        if (((m.Input | m.Output | m.Size) & (pageSize - 1)) != 0)
            throw new ArgumentException($"mapping 0x{m.Input:x}+0x{m.Size:x} -> 0x{m.Output:x} is not aligned to the {pageSize}-byte granule");
        if (m.Size == 0) return;
        if (m.InputEnd < m.Input || Bits.Exceeds(m.InputEnd - 1, InputBits))
            throw new ArgumentException($"mapping 0x{m.Input:x}+0x{m.Size:x} is beyond the {InputBits}-bit input size");

        var attributes = Stage == 2
            ? DescriptorEncoding.Stage2Attributes(m.Permissions, m.Device)
            : DescriptorEncoding.Stage1Attributes(m.Permissions, m.Device);
        ulong done = 0;
        while (done < m.Size) done += MapOne(m.Input + done, m.Output + done, m.Size - done, attributes);
    }

    public void MapAll(IEnumerable<Mapping> mappings)
    {
        foreach (var m in mappings) Map(m);
    }

    /// <summary>Writes one leaf (the largest that fits) and returns the bytes it covers.</summary>
    private ulong MapOne(ulong input, ulong output, ulong remaining, ulong attributes)
    {
        var table = Root;
        for (var level = StartLevel; ; level++)
        {
            var shift = Granule.LevelShift(level);
            var slot = table + ((input >> shift) & Bits.Mask(Granule.IndexBits(level, StartLevel, InputBits))) * 8;
            var existing = Read(slot);
            var leafSize = 1UL << shift;
            var fits = ((input | output) & (leafSize - 1)) == 0 && remaining >= leafSize;
            var valid = (existing & 1) != 0;
            var isTable = valid && level < 3 && (existing & 2) != 0;
            if (level == 3 || (fits && Granule.BlockAllowed(level) && !isTable))
            {
                if (valid) throw Overlap(input);
                Write(slot, Bits.Range(output, 47, shift) | attributes | (level == 3 ? 0b11UL : 0b01UL));
                Leaves++;
                return leafSize;
            }
            if (!valid)
            {
                var size = 1UL << Granule.Bits();
                var next = _tables.Allocate(size, size);
                Clear(next, size);
                Write(slot, next | 0b11);
                table = next;
            }
            else if (!isTable) throw Overlap(input);
            else table = Bits.Range(existing, 47, Granule.Bits());
        }
    }

    private static InvalidOperationException Overlap(ulong input) =>
        new($"address 0x{input:x} is already mapped");

    private ulong Physical(ulong address) => _toPhysical is null ? address : _toPhysical(address);
    private ulong Read(ulong address) => _memory.Read64(Physical(address));
    private void Write(ulong address, ulong value) => _memory.Write64(Physical(address), value);

    private void Clear(ulong address, ulong size)
    {
        // Fresh tables are all-invalid; memory already reads as zero unless something was written there.
        for (ulong offset = 0; offset < size; offset += 8)
            if (Read(address + offset) != 0) Write(address + offset, 0);
    }
}
