using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Walk;

/// <summary>
/// VMSAv8-64 translation table walks over simulated memory: stage 1, stage 2, and stage 1 nested in
/// stage 2 (every stage-1 descriptor address is an IPA translated by stage 2 before it is read).
/// </summary>
public sealed class TableWalker
{
    private const ulong TableAttributeBits = 0xFUL << 59;

    private readonly PhysicalMemory _memory;

    public TableWalker(PhysicalMemory memory) => _memory = memory;

    /// <summary>Walks one stage for <paramref name="input"/>, reading descriptors at physical addresses.
    /// Checks the input range, address sizes and the access flag; permissions are the caller's.</summary>
    public WalkOutcome Walk(in StageTables tables, ulong input) => Walk(tables, input, default, false);

    /// <summary>Walks stage 1 with every descriptor fetch translated through <paramref name="stage2"/>.</summary>
    public WalkOutcome WalkNested(in StageTables stage1, ulong input, in StageTables stage2) =>
        Walk(stage1, input, stage2, true);

    /// <summary>Translates an IPA through stage 2 for a read or a walk fetch, permissions included.</summary>
    public WalkOutcome TranslateStage2(in StageTables stage2, ulong ipa, AccessKind access, FaultClass cls)
    {
        var walk = Walk(stage2, ipa);
        if (walk.IsFault) return WalkOutcome.Failed(walk.Fault!.Value, 2, ipa, cls, walk.FetchAddress);
        if (!Permissions.Stage2Allows(walk.Descriptor, access))
            return WalkOutcome.Failed(EventType.F_PERMISSION, 2, ipa, cls);
        return walk;
    }

    private WalkOutcome Walk(in StageTables t, ulong input, in StageTables s2, bool nested)
    {
        if (Bits.Exceeds(input, t.InputBits)) return Fail(t, EventType.F_TRANSLATION, input);

        var g = t.Granule;
        var table = t.Root;
        ulong tableAttributes = 0;
        for (var level = t.StartLevel; ; level++)
        {
            var shift = g.LevelShift(level);
            var index = (input >> shift) & Bits.Mask(g.IndexBits(level, t.StartLevel, t.InputBits));
            var descriptorAddress = table + index * 8;

            var fetchAddress = descriptorAddress;
            if (nested)
            {
                var fetch = TranslateStage2(s2, descriptorAddress, AccessKind.Read, FaultClass.TranslationTable);
                if (fetch.IsFault) return fetch;
                fetchAddress = fetch.OutputAddress;
            }
            if (!_memory.TryRead64(fetchAddress, out var descriptor))
                return WalkOutcome.Failed(EventType.F_WALK_EABT, t.Stage, t.Stage == 2 ? input : 0, FaultClass.Input, fetchAddress);

            if (DescriptorDecoder.Decode(descriptor, level, t, out var address, out var isTable) is { } fault)
                return Fail(t, fault, input);
            if (isTable)
            {
                if (t.Stage == 1) tableAttributes |= descriptor & TableAttributeBits;
                table = address;
                continue;
            }
            return WalkOutcome.Leaf(address | (input & Bits.Mask(shift)), descriptor, level, tableAttributes);
        }
    }

    private static WalkOutcome Fail(in StageTables t, EventType fault, ulong input) =>
        WalkOutcome.Failed(fault, t.Stage, t.Stage == 2 ? input : 0);
}
