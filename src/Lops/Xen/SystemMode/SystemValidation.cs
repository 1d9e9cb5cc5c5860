using Viommu.SmmuModel.Validation;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>
/// All guests in the SMMU model at once: each guest its own VMID and its own host RAM, the hardware domain
/// the host streams no guest took. A stream given to two guests, or a guest reaching another's memory, fails.
/// </summary>
public static class SystemValidation
{
    private const ulong TwoMegabytes = 2UL << 20;

    /// <param name="guests">Each guest's plan, with whether the guest has a vSMMU (without one, its streams are stage 2 only).</param>
    public static ValidationInput Build(IReadOnlyList<(XenPlan Plan, bool Viommu)> guests)
    {
        var plans = guests.Select(g => g.Plan).ToList();
        var smmus = new Dictionary<string, SmmuSpec>(StringComparer.Ordinal);
        var domains = new List<DomainSpec>();
        var bindings = new List<StreamBinding>();
        ulong? nextRam = null;
        ushort vmid = 1;
        foreach (var (plan, viommu) in guests)
        {
            var input = PlanValidation.Build(plan);
            foreach (var s in input.Smmus)
                if (!smmus.TryGetValue(s.Name, out var known) || known.SidBits < s.SidBits) smmus[s.Name] = s;
            var guest = input.Domains[0];
            var ram = guest.Stage2Map[0];
            nextRam ??= ram.Output;
            // Guests sit side by side in host RAM, as Xen would place them.
            var placed = ram with { Output = nextRam.Value };
            nextRam = (nextRam.Value + ram.Size + TwoMegabytes - 1) & ~(TwoMegabytes - 1);
            var map = new List<SmmuModel.Builders.Mapping> { placed };
            map.AddRange(guest.Stage2Map.Skip(1));
            domains.Add(new DomainSpec(guest.Name, vmid++, map));
            var own = input.Bindings.Where(b => b.Domain == guest.Name);
            // Without a vSMMU the guest cannot program a stage 1: Xen gives its devices stage 2 only.
            bindings.AddRange(viommu ? own : own.Select(b => b with { VirtualSid = null, Stage1 = null, VirtualSmmu = null }));
        }
        var taken = new HashSet<(string, uint)>(bindings.Select(b => (b.Smmu, b.PhysicalSid)));
        var hostStreams = plans.SelectMany(p => p.HostStreams)
            .Select(h => (Smmu: PlanValidation.SmmuName(h.Smmu), h.Sid)).Distinct()
            .Where(h => !taken.Contains((h.Smmu, h.Sid))).ToList();
        if (hostStreams.Count > 0 && nextRam is { } hw)
        {
            domains.Add(new DomainSpec(PlanValidation.HardwareDomain, vmid, new[] { new SmmuModel.Builders.Mapping(hw, hw, TwoMegabytes, SmmuModel.Builders.MapPermissions.ReadWrite) }));
            bindings.AddRange(hostStreams.Select(h => new StreamBinding(h.Smmu, h.Sid, PlanValidation.HardwareDomain)));
        }
        return new ValidationInput(smmus.Values.OrderBy(s => s.Name, StringComparer.Ordinal).ToList(), domains, bindings);
    }
}
