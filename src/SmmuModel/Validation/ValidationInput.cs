using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Validation;

/// <summary>A guest domain: its VMID and its stage-2 map (IPA -> PA with permissions: RAM and MMIO windows).</summary>
public sealed record DomainSpec(string Name, ushort Vmid, IReadOnlyList<Mapping> Stage2Map);

/// <summary>A physical SMMU: a name (for reports, e.g. its base address) and its StreamID width.</summary>
public sealed record SmmuSpec(string Name, int SidBits = 16, int OasBits = 48);

/// <summary>A guest's own stage 1 for a device behind a vSMMU: an identity map (VA = IPA) over a window of
/// the guest's RAM, with its CD and tables placed in the guest's RAM.</summary>
public sealed record GuestStage1(ulong WindowIpa, ulong WindowSize, Granule Granule = Granule.Size4K, int VaBits = 39);

/// <summary>A stream bound to a domain: physical SMMU and StreamID, and for a device behind the vSMMU the
/// virtual StreamID and (optionally) the guest's stage-1 set-up. vSIDs are unique per (domain, virtual SMMU);
/// <paramref name="VirtualSmmu"/> names the vSMMU when a domain has more than one.</summary>
public sealed record StreamBinding(string Smmu, uint PhysicalSid, string Domain, uint? VirtualSid = null, GuestStage1? Stage1 = null,
    string? VirtualSmmu = null);

/// <summary>Everything the validator builds and checks.</summary>
/// <param name="Smmus">The physical SMMUs.</param>
/// <param name="Domains">The domains.</param>
/// <param name="Bindings">The stream bindings.</param>
/// <param name="Stage2Granule">The hypervisor's stage-2 granule.</param>
/// <param name="IpaBits">The hypervisor's IPA size (Xen: 40 bits on most boards).</param>
public sealed record ValidationInput(
    IReadOnlyList<SmmuSpec> Smmus,
    IReadOnlyList<DomainSpec> Domains,
    IReadOnlyList<StreamBinding> Bindings,
    Granule Stage2Granule = Granule.Size4K,
    int IpaBits = 40);
