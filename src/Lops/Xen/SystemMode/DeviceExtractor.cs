using System.Globalization;
using Viommu.DtEngine.Addressing;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>
/// Builds a guest's partial (passthrough) tree from the host tree: each requested node with its subtree,
/// <c>reg</c> at the CPU physical address (every parent <c>ranges</c> applied) with <c>xen,reg</c> and
/// <c>xen,path</c>, interrupts re-parented to the guest GIC with the same SPIs, and phandle properties kept
/// only when what they point at goes to the same guest.
/// </summary>
public sealed class DeviceExtractor
{
    private readonly DeviceTree _host;
    private readonly PhandleIndex _phandles;
    private readonly bool _strict;
    private const ulong GuestIpaLimit = 1UL << 40;
    private readonly HashSet<DtNode> _referenced = new(ReferenceEqualityComparer.Instance);

    public DeviceExtractor(DeviceTree host, bool strict)
    {
        _host = host;
        _phandles = new PhandleIndex(host.Root);
        _strict = strict;
    }

    /// <summary>Warnings (dropped references); errors are thrown as <see cref="LopException"/>.</summary>
    public List<string> Warnings { get; } = new();

    public DeviceTree Extract(GuestSpec domain)
    {
        var root = new DtNode("");
        root.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(2)));
        root.AddProperty(new DtProperty("#size-cells", PropertyValue.FromCells(2)));
        var passthrough = new DtNode("passthrough");
        passthrough.AddProperty(new DtProperty("compatible", PropertyValue.FromString("simple-bus")));
        passthrough.AddProperty(new DtProperty("ranges", new PropertyValue()));
        passthrough.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(2)));
        passthrough.AddProperty(new DtProperty("#size-cells", PropertyValue.FromCells(2)));
        root.AddChild(passthrough);

        var hostNodes = new List<(DeviceRequest Request, DtNode Node)>();
        foreach (var request in domain.Passthrough)
        {
            var node = _host.FindByPath(request.Path)
                       ?? throw SystemJob.Located(request.Location, $"domain '{domain.Name}': {request.Path} does not exist in the host tree");
            hostNodes.Add((request, node));
        }
        var given = new HashSet<DtNode>(ReferenceEqualityComparer.Instance);
        foreach (var (_, n) in hostNodes)
            foreach (var d in n.Walk()) given.Add(d);

        _referenced.Clear();
        foreach (var n in given)
            foreach (var p in n.Properties)
                if (PhandleProperties.Holds(p.Name, out var cells) && PhandleProperties.Targets(p, cells, _phandles) is { } targets)
                    foreach (var t in targets.Where(given.Contains)) _referenced.Add(t);
        foreach (var (request, node) in hostNodes)
            passthrough.AddChild(ExtractDevice(domain, request, node, given));
        return new DeviceTree(root);
    }

    private DtNode ExtractDevice(GuestSpec domain, DeviceRequest request, DtNode host, HashSet<DtNode> given)
    {
        IReadOnlyList<Region> regions;
        try
        {
            regions = host.GetProperty("reg") is null ? Array.Empty<Region>() : AddressTranslator.Regions(host);
        }
        catch (AddressException e)
        {
            throw SystemJob.Located(request.Location, $"{host.Path}: {e.Message}");
        }
        // The guest sees the device at the host address unless the spec moves it (all regions by the same offset).
        var shift = request.GuestAddress is { } g && regions.Count > 0 ? unchecked(g - regions[0].Address) : 0;
        var name = regions.Count > 0 ? $"{host.BaseName}@{unchecked(regions[0].Address + shift).ToString("x", CultureInfo.InvariantCulture)}" : host.BaseName;
        var device = CopyNode(host, name, domain, given, top: true);
        device.SetProperty("xen,path", PropertyValue.FromString(host.Path));
        if (request.IsPci)
        {
            device.SetProperty("xen,pci-rids", PropertyValue.FromCells(request.Rids.SelectMany(r => new[] { r.Base, r.Count }).ToArray()));
        }
        else if (regions.Count > 0)
        {
            var reg = new List<uint>();
            var xenReg = new List<uint>();
            foreach (var r in regions)
            {
                var guest = unchecked(r.Address + shift);
                // Xen gives Arm guests a 40-bit IPA space (the SMMU model uses the same).
                if (guest + r.Size > GuestIpaLimit || guest + r.Size < guest)
                    throw SystemJob.Located(request.Location, $"{host.Path} would sit at guest address 0x{guest:x}, beyond the guest's 40-bit address space: give it a guest: address");
                reg.AddRange(Split(guest)); reg.AddRange(Split(r.Size));
                xenReg.AddRange(Split(r.Address)); xenReg.AddRange(Split(r.Size)); xenReg.AddRange(Split(guest));
            }
            device.SetProperty("reg", PropertyValue.FromCells(reg.ToArray()));
            device.SetProperty("xen,reg", PropertyValue.FromCells(xenReg.ToArray()));
        }
        var interrupts = host.GetProperty("interrupts");
        if (!request.Interrupts)
        {
            device.RemoveProperty("interrupts");
            device.RemoveProperty("interrupt-names");
        }
        else if (host.GetProperty("interrupts-extended") is not null)
            throw SystemJob.Located(request.Location, $"{host.Path} uses interrupts-extended; only interrupts to the GIC can be given to a guest (or give it with interrupts: none)");
        else if (interrupts is not null)
        {
            var parent = InterruptParent(host);
            if (parent is null || !InterruptTree.IsGic(parent))
                throw SystemJob.Located(request.Location, $"the interrupts of {host.Path} go to {parent?.Path ?? "no controller"}, not to the GIC (an interrupt-map or another controller): a guest only gets GIC SPIs (or give it with interrupts: none)");
            device.SetProperty("interrupts", GuestInterrupts(request, host, parent, interrupts));
            device.SetProperty("interrupt-parent", PropertyValue.FromCells(XenConstants.GuestPhandleGic));
        }
        if (request.Vsid is { } vsid)
            device.SetProperty("iommus", PropertyValue.FromCells(XenConstants.GuestPhandleVsmmu, vsid));
        if (!request.IsPci && host.GetProperty("iommus") is null)
            device.SetProperty("xen,force-assign-without-iommu", new PropertyValue());
        return device;
    }

    /// <summary>The host's SPIs as the guest GIC's 3-cell specifiers (a 4-cell GICv3 binding's partition cell is dropped).</summary>
    private static PropertyValue GuestInterrupts(DeviceRequest request, DtNode host, DtNode gic, DtProperty interrupts)
    {
        var cellsPer = (int)(Cells.ReadU32(gic, "#interrupt-cells") ?? 3);
        var cells = Cells.ReadAll(host, "interrupts") ?? Array.Empty<uint>();
        if (cellsPer is not (3 or 4) || cells.Length % cellsPer != 0)
            throw SystemJob.Located(request.Location, $"the interrupts of {host.Path} are not GIC specifiers of {cellsPer} cells");
        var list = new List<uint>();
        for (var i = 0; i < cells.Length; i += cellsPer)
        {
            if (cells[i] != 0)
                throw SystemJob.Located(request.Location, $"{host.Path} has a PPI (interrupt type {cells[i]}); a guest only gets SPIs");
            list.Add(cells[i]); list.Add(cells[i + 1]); list.Add(cells[i + 2]);
        }
        return cellsPer == 3 ? new PropertyValue(interrupts.Value.Bytes) : PropertyValue.FromCells(list.ToArray());
    }

    private static uint[] Split(ulong v) => new[] { (uint)(v >> 32), (uint)v };

    private DtNode? InterruptParent(DtNode node) => InterruptTree.ParentOf(node, _phandles.Find);

    private DtNode CopyNode(DtNode host, string name, GuestSpec domain, HashSet<DtNode> given, bool top)
    {
        var copy = new DtNode(name);
        var dropInterrupts = false;
        foreach (var p in host.Properties)
        {
            switch (p.Name)
            {
                case "phandle" or "linux,phandle":
                    continue;
                case "iommus" or "iommu-map" or "iommu-map-mask" or "msi-map" or "msi-map-mask" or "interrupt-parent" when top:
                    continue;
            }
            if (p.Name is "interrupt-map" or "interrupt-map-mask"
                || (p.Name == "#interrupt-cells" && host.GetProperty("interrupt-map") is not null && host.GetProperty("interrupt-controller") is null))
            {
                // Legacy INTx routing names the host's controllers: not something a guest can be given.
                if (p.Name == "interrupt-map")
                {
                    var message = $"domain '{domain.Name}': {host.Path}: interrupt-map (legacy INTx) routes to the host's interrupt controllers: dropped";
                    if (_strict) throw new LopException(message + " (--strict)");
                    Warnings.Add(message);
                }
                continue;
            }
            if (p.Name == "interrupt-parent" && !top)
            {
                // A child's interrupts: to the GIC they become the guest GIC's, to a passed-through controller they
                // stay, anywhere else they cannot follow the device.
                var target = Cells.ReadU32(host, "interrupt-parent") is { } ph ? _phandles.Find(ph) : null;
                if (target is not null && InterruptTree.IsGic(target))
                {
                    copy.AddProperty(new DtProperty(p.Name, PropertyValue.FromCells(XenConstants.GuestPhandleGic)));
                    continue;
                }
                if (target is null || !given.Contains(target))
                {
                    var message = $"domain '{domain.Name}': {host.Path}: its interrupts go to {target?.Path ?? "an unknown phandle"}, not passed through to this guest: interrupt-parent and interrupts dropped";
                    if (_strict) throw new LopException(message + " (--strict)");
                    Warnings.Add(message);
                    dropInterrupts = true;
                    continue;
                }
            }
            if (PhandleProperties.Holds(p.Name, out var cells))
            {
                var targets = PhandleProperties.Targets(p, cells, _phandles);
                if (targets is null || !targets.All(given.Contains))
                {
                    var what = targets is null ? "unresolvable phandles" : string.Join(", ", targets.Where(t => !given.Contains(t)).Select(t => t.Path).Distinct());
                    var message = $"domain '{domain.Name}': {host.Path}: '{p.Name}' points at {what}, not passed through to this guest: dropped";
                    if (_strict) throw new LopException(message + " (--strict)");
                    Warnings.Add(message);
                    continue;
                }
            }
            copy.AddProperty(new DtProperty(p.Name, new PropertyValue(p.Value.Bytes)));
        }
        if (dropInterrupts) copy.RemoveProperty("interrupts");
        else if (!top && copy.GetProperty("interrupts") is not null && InterruptParent(host) is { } gic && InterruptTree.IsGic(gic)
                 && Cells.ReadU32(gic, "#interrupt-cells") == 4 && Cells.ReadAll(host, "interrupts") is { } four && four.Length % 4 == 0)
        {
            // A child's interrupts to a 4-cell GICv3 binding, in the guest GIC's 3-cell form (partition cell dropped).
            copy.SetProperty("interrupts", PropertyValue.FromCells(four.Where((_, i) => i % 4 != 3).ToArray()));
        }
        // A node another passed-through node points at keeps its phandle (the host's value).
        if (host.Phandle != 0 && _referenced.Contains(host)) copy.SetProperty("phandle", PropertyValue.FromCells(host.Phandle));
        foreach (var child in host.Children) copy.AddChild(CopyNode(child, child.Name, domain, given, top: false));
        return copy;
    }
}
