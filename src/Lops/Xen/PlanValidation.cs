using System.Globalization;
using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Validation;

namespace Viommu.Lops.Xen;

/// <summary>
/// The adapter from a Xen plan to the SMMU model: the guest as a domain whose stage 2 maps its RAM (at
/// GUEST_RAM0_BASE, placed in host RAM) and its devices' MMIO windows; every (SMMU, pSID) bound to it with
/// its vSID and a guest stage 1 over its RAM, as the guest's driver would program the vSMMU (nested); the
/// host's other streams bound to the hardware domain; then the validator proves it by translation.
/// </summary>
public static class PlanValidation
{
    private const ulong Page = 0x1000;
    private const ulong DefaultHostRam = 0x80000000;
    public const string HardwareDomain = "hardware-domain";

    /// <summary>The model's name for a physical SMMU (its path and base).</summary>
    public static string SmmuName(PhysicalSmmu s) => $"{s.Path}@0x{s.Base.ToString("x", CultureInfo.InvariantCulture)}";

    public static ValidationInput Build(XenPlan plan, IEnumerable<(PhysicalSmmu Smmu, uint Psid, uint Vsid, int Vsmmu)> bindings)
    {
        var o = plan.Options;
        var ramPa = AlignUp(plan.HostMemory.Count > 0 ? plan.HostMemory[0].Address : DefaultHostRam, 2UL << 20);
        var guestRam = AlignUp(o.GuestRamSize, 2UL << 20);
        // RAM in Xen's banks, backed by contiguous host pages
        var guestMap = XenConstants.GuestRamBanks(guestRam)
            .Select(b => new Mapping(b.Base, ramPa + b.Offset, b.Size, MapPermissions.ReadWrite)).ToList();
        foreach (var d in plan.Devices.Where(d => !d.IsPci))
            foreach (var (host, size, guest) in d.Mmio)
            {
                var start = host & ~(Page - 1);
                var m = new Mapping(guest & ~(Page - 1), start, AlignUp(host + Math.Max(size, 1), Page) - start, MapPermissions.ReadWrite, Device: true);
                if (!guestMap.Contains(m)) guestMap.Add(m);
            }
        var domains = new List<DomainSpec> { new(o.GuestName, 1, guestMap) };
        var stage1 = new GuestStage1(XenConstants.GuestRam0Base, Math.Min(guestRam, 64UL << 20));
        var list = new List<StreamBinding>(plan.Streams.Count + plan.HostStreams.Count);
        var seen = new HashSet<(string, uint)>(plan.Streams.Count);
        // Thousands of bindings share a few SMMUs and vSMMUs: one name string each.
        var smmuNames = new Dictionary<PhysicalSmmu, string>();
        string NameOf(PhysicalSmmu s) => smmuNames.TryGetValue(s, out var n) ? n : smmuNames[s] = SmmuName(s);
        var vsmmuNames = new Dictionary<int, string>();
        string VsmmuName(int i) => vsmmuNames.TryGetValue(i, out var n) ? n : vsmmuNames[i] = i.ToString(CultureInfo.InvariantCulture);
        foreach (var (smmu, psid, vsid, vsmmu) in bindings)
            if (seen.Add((smmu.Path, psid)))
                list.Add(new StreamBinding(NameOf(smmu), psid, o.GuestName, vsid, stage1, VsmmuName(vsmmu)));
        if (plan.HostStreams.Count > 0)
        {
            // The hardware domain keeps the other streams, with its own RAM after the guest's.
            var hwRam = ramPa + guestRam;
            domains.Add(new DomainSpec(HardwareDomain, 2, new[] { new Mapping(hwRam, hwRam, 2UL << 20, MapPermissions.ReadWrite) }));
            // A host stream also bound to the guest is reported by the model as a double binding.
            foreach (var (smmu, sid, _) in plan.HostStreams) list.Add(new StreamBinding(NameOf(smmu), sid, HardwareDomain));
        }
        var smmus = plan.Smmus.Select(s => new SmmuSpec(NameOf(s), SidBits(plan, s))).ToList();
        return new ValidationInput(smmus, domains, list);
    }

    /// <summary>The plan's own bindings.</summary>
    public static ValidationInput Build(XenPlan plan)
        => Build(plan, plan.Streams.Select(s => (s.Smmu, s.PhysicalSid, s.Vsid!.Value, s.Vsmmu)));

    private static int SidBits(XenPlan plan, PhysicalSmmu smmu)
    {
        var max = plan.Streams.Where(s => s.Smmu == smmu).Select(s => s.PhysicalSid)
            .Concat(plan.HostStreams.Where(h => h.Smmu == smmu).Select(h => h.Sid)).DefaultIfEmpty(0u).Max();
        var bits = 16;
        while (bits < 32 && (max >> bits) != 0) bits++;
        return bits;
    }

    private static ulong AlignUp(ulong v, ulong a) => (v + a - 1) & ~(a - 1);
}
