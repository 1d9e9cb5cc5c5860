using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Validation;

namespace Viommu.SmmuModel.Tests;

/// <summary>A synthetic Xen system: every domain has 4 GB of RAM and an MMIO window; streams round-robin.</summary>
public static class LargeSystem
{
    public static ValidationInput Build(int smmus, int domains, int streams)
    {
        var smmuSpecs = Enumerable.Range(0, smmus).Select(i => new SmmuSpec($"smmu{i}", 16)).ToArray();
        var domainSpecs = Enumerable.Range(0, domains).Select(d => new DomainSpec($"dom{d + 1}", (ushort)(d + 1),
        [
            new Mapping(0x4000_0000, 0x10_0000_0000 + (ulong)d * 0x1_0000_0000, 0x1_0000_0000, MapPermissions.All),
            new Mapping(0x2000_0000, 0x2000_0000 + (ulong)d * 0x10_0000, 0x10_0000, MapPermissions.ReadWrite, Device: true),
        ])).ToArray();
        var bindings = Enumerable.Range(0, streams).Select(s => new StreamBinding(
            $"smmu{s % smmus}", (uint)(s / smmus * 3 + 1), $"dom{s % domains + 1}",
            VirtualSid: (uint)s, Stage1: s % 4 == 0 ? new GuestStage1(0x4000_0000, 0x10_0000) : null)).ToArray();
        return new ValidationInput(smmuSpecs, domainSpecs, bindings);
    }
}
