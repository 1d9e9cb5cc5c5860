using Viommu.SmmuModel.Events;

namespace Viommu.SmmuModel.Walk;

/// <summary>The end of a table walk: a leaf descriptor or a fault.</summary>
public readonly struct WalkOutcome
{
    /// <summary>The fault, or null when the walk reached a leaf.</summary>
    public readonly EventType? Fault;
    /// <summary>The stage that faulted (2 for a stage-2 fault while fetching stage-1 tables).</summary>
    public readonly int FaultStage;
    /// <summary>For stage-2 faults: the IPA being translated.</summary>
    public readonly ulong FaultIpa;
    /// <summary>For stage-2 faults: what the IPA was for.</summary>
    public readonly FaultClass FaultClass;
    /// <summary>For external aborts: the physical address whose read failed.</summary>
    public readonly ulong FetchAddress;

    /// <summary>The output address of the access.</summary>
    public readonly ulong OutputAddress;
    /// <summary>The leaf descriptor.</summary>
    public readonly ulong Descriptor;
    /// <summary>The level of the leaf.</summary>
    public readonly int Level;
    /// <summary>Hierarchical attributes of the table descriptors on the way (bits 62:59 OR-ed).</summary>
    public readonly ulong TableAttributes;

    private WalkOutcome(EventType? fault, int stage, ulong ipa, FaultClass cls, ulong fetch, ulong output,
        ulong descriptor, int level, ulong tableAttributes)
    {
        Fault = fault;
        FaultStage = stage;
        FaultIpa = ipa;
        FaultClass = cls;
        FetchAddress = fetch;
        OutputAddress = output;
        Descriptor = descriptor;
        Level = level;
        TableAttributes = tableAttributes;
    }

    public bool IsFault => Fault is not null;

    public static WalkOutcome Leaf(ulong output, ulong descriptor, int level, ulong tableAttributes) =>
        new(null, 0, 0, FaultClass.Input, 0, output, descriptor, level, tableAttributes);

    public static WalkOutcome Failed(EventType fault, int stage, ulong ipa = 0, FaultClass cls = FaultClass.Input,
        ulong fetchAddress = 0) =>
        new(fault, stage, ipa, cls, fetchAddress, 0, 0, 0, 0);
}
