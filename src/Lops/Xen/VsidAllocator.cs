using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>
/// Gives every stream of the plan a vSMMU and a vSID. One vSID per (physical SMMU, pSID) within a vSMMU, so
/// devices sharing a stream share a vSID. Pinned vSIDs are kept and reserved first; then, by policy, vSID =
/// pSID (identity) or the lowest free value from 0, PCI streams first, then devices in partial-tree order
/// (Xen's order). Conflicts are errors naming the devices.
/// </summary>
public static class VsidAllocator
{
    public static void Allocate(XenPlan plan)
    {
        var o = plan.Options;
        plan.Vsmmus.Clear();
        if (o.Layout == VsmmuLayout.Single)
            plan.Vsmmus.Add(new VirtualSmmu(0, o.VsmmuBase, o.VsmmuSize, o.VsmmuPhandle, null));
        else
            foreach (var smmu in plan.Smmus)
                plan.Vsmmus.Add(new VirtualSmmu(smmu.Index, o.VsmmuBase + (ulong)smmu.Index * o.VsmmuSize, o.VsmmuSize, o.VsmmuPhandle + (uint)smmu.Index, smmu));
        foreach (var s in plan.Streams) s.Vsmmu = o.Layout == VsmmuLayout.Single ? 0 : s.Smmu.Index;

        var byKey = new Dictionary<(int Vsmmu, string Smmu, uint Sid), uint>(plan.Streams.Count);
        var byVsid = new Dictionary<(int Vsmmu, uint Vsid), PlannedStream>(plan.Streams.Count);

        void Take(PlannedStream s, uint vsid, string why)
        {
            var key = (s.Vsmmu, s.Smmu.Path, s.PhysicalSid);
            if (byKey.TryGetValue(key, out var existing))
            {
                if (existing != vsid)
                    throw new LopException($"StreamID 0x{s.PhysicalSid:x} of {s.Smmu.Path} is given vSID 0x{existing:x} and 0x{vsid:x} ({why})", s.Device.GuestPath);
                s.Vsid = vsid;
                return;
            }
            if (byVsid.TryGetValue((s.Vsmmu, vsid), out var holder))
                throw new LopException($"vSID 0x{vsid:x} ({why}) is already StreamID 0x{holder.PhysicalSid:x} of {holder.Smmu.Path} for {holder.Device.GuestPath}", s.Device.GuestPath);
            byKey[key] = vsid;
            byVsid[(s.Vsmmu, vsid)] = s;
            s.Vsid = vsid;
        }

        foreach (var s in plan.Streams.Where(s => s.PinnedVsid is not null)) Take(s, s.PinnedVsid!.Value, "pinned in the partial tree");

        var ordered = plan.Streams.Where(s => s.Device.IsPci).Concat(plan.Streams.Where(s => !s.Device.IsPci));
        var nextFree = new Dictionary<int, uint>();
        foreach (var s in ordered)
        {
            if (s.Vsid is not null) continue;
            if (byKey.TryGetValue((s.Vsmmu, s.Smmu.Path, s.PhysicalSid), out var shared)) { s.Vsid = shared; continue; }
            if (o.Policy == VsidPolicy.Identity) { Take(s, s.PhysicalSid, "identity: vSID = pSID"); continue; }
            if (s.Rid is { } rid && o.PciRidIsVsid) { Take(s, rid, "PCI: vSID = RID"); continue; }
            var v = nextFree.GetValueOrDefault(s.Vsmmu);
            while (byVsid.ContainsKey((s.Vsmmu, v))) v++;
            Take(s, v, "lowest free");
            nextFree[s.Vsmmu] = v + 1;
        }
        plan.Allocated = true;
    }
}
