using Viommu.DtEngine.Addressing;

namespace Viommu.Lops.Xen;

/// <summary>How vSIDs are chosen.</summary>
public enum VsidPolicy
{
    /// <summary>As Xen's allocator: lowest free from 0, PCI ranges first, then devices in partial-tree order.</summary>
    Xen,
    /// <summary>vSID = pSID.</summary>
    Identity,
}

/// <summary>How many vSMMUs a guest gets.</summary>
public enum VsmmuLayout
{
    /// <summary>One vSMMU for the guest (the series).</summary>
    Single,
    /// <summary>One vSMMU per physical SMMU the guest's devices sit behind.</summary>
    PerPhysicalSmmu,
}

/// <summary>A physical SMMUv3 of the host.</summary>
public sealed record PhysicalSmmu(string Path, ulong Base, int Index);

/// <summary>One passthrough device: the partial-tree node, the host node, its MMIO and SPIs.</summary>
public sealed class PassthroughDevice
{
    public required string GuestPath { get; init; }
    public required string HostPath { get; init; }
    /// <summary>A PCI host bridge (its streams come from iommu-map).</summary>
    public bool IsPci { get; init; }
    /// <summary>Assigned without an IOMMU (xen,force-assign-without-iommu): no streams.</summary>
    public bool WithoutIommu { get; init; }
    /// <summary>(host physical, size, guest address) of each MMIO region.</summary>
    public List<(ulong Host, ulong Size, ulong Guest)> Mmio { get; } = new();
    /// <summary>Interrupt IDs (SPI + 32) as xl's irqs wants them.</summary>
    public List<uint> Irqs { get; } = new();
    /// <summary>PCI: the requester-ID ranges (base, count) passed through.</summary>
    public List<(uint Base, uint Count)> RidRanges { get; } = new();
}

/// <summary>One stream of a device: which physical SMMU and StreamID, and the vSID it gets.</summary>
public sealed class PlannedStream
{
    public required PassthroughDevice Device { get; init; }
    public required PhysicalSmmu Smmu { get; init; }
    public required uint PhysicalSid { get; init; }
    /// <summary>PCI: the requester ID this stream carries.</summary>
    public uint? Rid { get; init; }
    /// <summary>A vSID the partial tree already gave (pinned), or null.</summary>
    public uint? PinnedVsid { get; init; }
    /// <summary>The vSID, once allocated.</summary>
    public uint? Vsid { get; set; }
    /// <summary>The vSMMU (index into <see cref="XenPlan.Vsmmus"/>), once allocated.</summary>
    public int Vsmmu { get; set; }
}

/// <summary>A virtual SMMU of the guest.</summary>
public sealed record VirtualSmmu(int Index, ulong Base, ulong Size, uint Phandle, PhysicalSmmu? For);

/// <summary>
/// Everything the Xen lops decide, as plain data: devices, streams, vSIDs, vSMMUs. Resolving and allocating
/// fill it; the emitters and the validator only read it.
/// </summary>
public sealed class XenPlan
{
    public const string StateKey = "xen.plan";

    public required XenOptions Options { get; set; }
    public List<PassthroughDevice> Devices { get; } = new();
    public List<PlannedStream> Streams { get; } = new();
    public List<PhysicalSmmu> Smmus { get; } = new();
    public List<VirtualSmmu> Vsmmus { get; } = new();
    /// <summary>Host regions of RAM (from /memory), for placing the guest's RAM in the model.</summary>
    public List<Region> HostMemory { get; } = new();
    /// <summary>Streams of host devices that stay with the hardware domain: (SMMU, pSID, host node).</summary>
    public List<(PhysicalSmmu Smmu, uint Sid, string Node)> HostStreams { get; } = new();
    public bool Allocated { get; set; }
}
