using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>Step 4, <c>xen,rewrite-iommus</c>: each passthrough node gets <c>iommus = &lt;vSMMU vSID&gt;...</c> in the
/// host's stream order (a PCI bridge gets <c>iommu-map = &lt;rid-base vSMMU vsid-base length&gt;...</c>); an existing
/// property is replaced in place, and nothing else in the tree changes.</summary>
public sealed class RewriteIommusLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,rewrite-iommus" };
    public string Description => "Xen: write iommus / iommu-map with the vSMMU phandle and vSIDs";

    public bool Run(LopContext context)
    {
        var plan = XenLops.Plan(context, allocated: true);
        // Grouped once: the plan keeps each device's streams in host order.
        var byDevice = plan.Streams.GroupBy(s => s.Device).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var device in plan.Devices.Where(d => !d.WithoutIommu))
        {
            var node = context.Tree.FindByPath(device.GuestPath) ?? throw new LopException("the passthrough node is gone", device.GuestPath);
            var streams = byDevice.GetValueOrDefault(device) ?? new List<PlannedStream>();
            if (device.IsPci) node.SetProperty("iommu-map", IommuMap(plan, streams));
            else node.SetProperty("iommus", Iommus(plan, streams));
        }
        return true;
    }

    private static PropertyValue Iommus(XenPlan plan, List<PlannedStream> streams)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeUint32, null);
        foreach (var s in streams)
        {
            v.AppendInteger(plan.Vsmmus[s.Vsmmu].Phandle, 32);
            v.AppendInteger(s.Vsid!.Value, 32);
        }
        return v;
    }

    /// <summary>Consecutive RIDs on consecutive vSIDs of one vSMMU become one entry.</summary>
    private static PropertyValue IommuMap(XenPlan plan, List<PlannedStream> streams)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeUint32, null);
        var ordered = streams.OrderBy(s => s.Rid).ToList();
        for (var i = 0; i < ordered.Count;)
        {
            var first = ordered[i];
            var length = 1u;
            while (i + (int)length < ordered.Count && ordered[i + (int)length] is var n
                   && n.Rid == first.Rid + length && n.Vsid == first.Vsid + length && n.Vsmmu == first.Vsmmu)
                length++;
            v.AppendInteger(first.Rid!.Value, 32);
            v.AppendInteger(plan.Vsmmus[first.Vsmmu].Phandle, 32);
            v.AppendInteger(first.Vsid!.Value, 32);
            v.AppendInteger(length, 32);
            i += (int)length;
        }
        return v;
    }
}
