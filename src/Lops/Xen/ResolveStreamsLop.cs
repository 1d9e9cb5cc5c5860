using Viommu.DtEngine.Addressing;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>The host tree the Xen lops read, handed over by the command (or loaded from the lop's <c>host</c> option).</summary>
public sealed class HostTree
{
    public const string StateKey = "xen.host";
    public HostTree(DeviceTree tree) => Tree = tree;
    public DeviceTree Tree { get; }

    public static DeviceTree Get(LopContext context)
    {
        if (context.Session.Get<HostTree>(StateKey) is { } h) return h.Tree;
        var path = context.Spec.Text("host") ?? throw new LopException("no host tree: run through 'viommu xen partial --host' or give the lop a 'host' option");
        var bag = new DiagnosticBag();
        var tree = TreeFiles.Read(path, bag) ?? throw new LopException($"cannot read host tree: {string.Join("; ", bag.Items.Select(d => d.Display))}");
        context.Session.Set(StateKey, new HostTree(tree));
        return tree;
    }
}

/// <summary>
/// Step 1, <c>xen,resolve-streams</c>: for every partial-tree node with <c>xen,path</c>, find the host node and read
/// its streams (iommus, or iommu-map for the requester IDs <c>xen,pci-rids</c> names, default all that the map
/// covers), its MMIO (xen,reg, else reg translated through the host's ranges) and SPIs. Vsids already written
/// as <c>iommus = &lt;0xfdea N&gt;</c> are kept as pins. Starts the plan.
/// </summary>
public sealed class ResolveStreamsLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,resolve-streams" };
    public string Description => "Xen: find each passthrough device's physical SMMU and StreamIDs in the host tree";

    public bool Run(LopContext context)
    {
        var options = XenOptions.From(context.Spec, context.Session.Get<XenOptions>(XenOptions.StateKey) ?? new XenOptions());
        var host = HostTree.Get(context);
        var partial = context.Tree;
        var plan = new XenPlan { Options = options };
        var streams = new HostStreams(host);
        var addressCells = Cells.AddressCells(partial.Root);
        var sizeCells = Cells.SizeCells(partial.Root);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);

        foreach (var node in partial.Root.Walk())
        {
            var xenPath = node.GetProperty("xen,path");
            if (xenPath is null) continue;
            var hostPath = LopperValue.FromProperty(xenPath.Value) is { IsText: true, Count: 1 } v ? v.Strings[0]
                : throw new LopException("xen,path must be one string", node, "xen,path");
            var hostNode = host.FindByPath(hostPath) ?? throw new LopException($"xen,path \"{hostPath}\" does not exist in the host tree", node, "xen,path");
            if (seen.TryGetValue(hostNode.Path, out var other))
                throw new LopException($"xen,path \"{hostPath}\" is also passed through by {other}", node, "xen,path");
            seen[hostNode.Path] = node.Path;
            var isPci = hostNode.GetProperty("iommu-map") is not null;
            var hasIommu = isPci || hostNode.GetProperty("iommus") is not null;
            var force = node.GetProperty("xen,force-assign-without-iommu") is not null;
            if (!hasIommu && !force)
                throw new LopException($"host node {hostNode.Path} has no iommus (nor iommu-map); add xen,force-assign-without-iommu to assign it without an IOMMU", node, "xen,path");
            var device = new PassthroughDevice { GuestPath = node.Path, HostPath = hostNode.Path, IsPci = isPci, WithoutIommu = !hasIommu };
            if (!hasIommu) context.Warn($"{node.Path}: {hostNode.Path} is assigned without an IOMMU (xen,force-assign-without-iommu); its DMA is not translated");
            ReadMmio(node, hostNode, device, addressCells, sizeCells);
            ReadIrqs(context, node, hostNode, streams, device);
            plan.Devices.Add(device);
            if (!hasIommu) continue;
            try
            {
                if (isPci) AddPciStreams(plan, streams, node, hostNode, device, options);
                else AddStreams(plan, streams, node, hostNode, device, options);
            }
            catch (LopException e) when (e.NodePath == hostNode.Path)
            {
                // named from the partial tree, placed in the host tree where the fault is (else at the xen,path)
                throw new LopException($"host node {hostNode.Path} (xen,path of {node.Path}): {e.Message}", node, "xen,path") { Place = e.Place };
            }
        }
        plan.Smmus.AddRange(streams.Smmus);
        CollectHostStreams(plan, host, streams);
        CheckSharedStreams(plan);
        foreach (var m in host.Root.Children.Where(c => c.BaseName == "memory"))
            plan.HostMemory.AddRange(AddressTranslator.Regions(m));
        context.Session.Set(XenPlan.StateKey, plan);
        return plan.Devices.Count > 0;
    }

    private static void AddStreams(XenPlan plan, HostStreams streams, DtNode node, DtNode hostNode, PassthroughDevice device, XenOptions options)
    {
        var found = streams.FromIommus(hostNode);
        var pins = Pins(node, options, found.Count);
        for (var i = 0; i < found.Count; i++)
        {
            if (pins is not null && options.Layout == VsmmuLayout.PerPhysicalSmmu && pins[i].Phandle != options.VsmmuPhandle + (uint)found[i].Smmu.Index)
                throw new LopException($"iommus entry {i} names vSMMU phandle 0x{pins[i].Phandle:x}, but the stream is behind {found[i].Smmu.Path}, whose vSMMU is 0x{options.VsmmuPhandle + (uint)found[i].Smmu.Index:x}", node, "iommus");
            plan.Streams.Add(new PlannedStream { Device = device, Smmu = found[i].Smmu, PhysicalSid = found[i].Sid, PinnedVsid = pins?[i].Vsid });
        }
    }

    /// <summary>vSIDs the partial tree already wrote as <c>iommus = &lt;0xfdea N ...&gt;</c>, one per host stream (with
    /// per-psmmu vSMMUs, the phandle is 0xfdea + the physical SMMU's index).</summary>
    private static (uint Phandle, uint Vsid)[]? Pins(DtNode node, XenOptions options, int streamCount)
    {
        var cells = Cells.ReadAll(node, "iommus");
        if (cells is null) return null;
        bool IsVsmmu(uint phandle) => options.Layout == VsmmuLayout.PerPhysicalSmmu
            ? phandle >= options.VsmmuPhandle && phandle - options.VsmmuPhandle < 64
            : phandle == options.VsmmuPhandle;
        if (cells.Length % 2 != 0 || Enumerable.Range(0, cells.Length / 2).Any(i => !IsVsmmu(cells[2 * i])))
            throw new LopException($"iommus in the partial tree must be <0x{options.VsmmuPhandle:x} vSID> pairs to pin vSIDs", node, "iommus");
        if (cells.Length / 2 != streamCount)
            throw new LopException($"iommus pins {cells.Length / 2} vSIDs but the host device has {streamCount} streams", node, "iommus");
        return Enumerable.Range(0, streamCount).Select(i => (cells[2 * i], cells[2 * i + 1])).ToArray();
    }

    private static void AddPciStreams(XenPlan plan, HostStreams streams, DtNode node, DtNode hostNode, PassthroughDevice device, XenOptions options)
    {
        var entries = streams.MapEntries(hostNode);
        var requested = Cells.ReadAll(node, "xen,pci-rids");
        if (requested is not null)
        {
            if (requested.Length % 2 != 0) throw new LopException("xen,pci-rids must be <rid-base count> pairs", node, "xen,pci-rids");
            for (var i = 0; i < requested.Length; i += 2) device.RidRanges.Add((requested[i], requested[i + 1]));
        }
        else
        {
            foreach (var e in entries) device.RidRanges.Add((e.RidBase, e.Length));
        }
        var pins = PciPins(node, options);
        foreach (var (ridBase, count) in device.RidRanges)
            for (var r = 0u; r < count; r++)
            {
                var rid = ridBase + r;
                var hit = streams.FromIommuMap(hostNode, rid)
                    ?? throw new LopException($"requester ID 0x{rid:x} is not covered by iommu-map of {hostNode.Path}", node, "xen,pci-rids");
                plan.Streams.Add(new PlannedStream { Device = device, Smmu = hit.Smmu, PhysicalSid = hit.Sid, Rid = rid, PinnedVsid = pins?.Invoke(rid) });
            }
    }

    /// <summary>A partial <c>iommu-map = &lt;rid-base 0xfdea vsid-base length&gt;</c> pins those RIDs' vSIDs.</summary>
    private static Func<uint, uint?>? PciPins(DtNode node, XenOptions options)
    {
        var cells = Cells.ReadAll(node, "iommu-map");
        if (cells is null) return null;
        if (cells.Length % 4 != 0) throw new LopException("iommu-map in the partial tree must be <rid-base 0xfdea vsid-base length> entries", node, "iommu-map");
        var entries = new List<(uint Rid, uint Vsid, uint Len)>();
        for (var i = 0; i < cells.Length; i += 4)
        {
            if (cells[i + 1] != options.VsmmuPhandle) throw new LopException($"iommu-map in the partial tree must point at 0x{options.VsmmuPhandle:x}", node, "iommu-map");
            entries.Add((cells[i], cells[i + 2], cells[i + 3]));
        }
        return rid =>
        {
            foreach (var e in entries) if (rid >= e.Rid && rid - e.Rid < e.Len) return e.Vsid + (rid - e.Rid);
            return null;
        };
    }

    private static void ReadMmio(DtNode node, DtNode hostNode, PassthroughDevice device, int addressCells, int sizeCells)
    {
        var xenReg = Cells.ReadAll(node, "xen,reg");
        if (xenReg is not null)
        {
            var entry = 2 * addressCells + sizeCells;
            if (xenReg.Length % entry != 0)
                throw new LopException($"xen,reg has {xenReg.Length} cells, not (address, size, guest address) triples of {addressCells}/{sizeCells}/{addressCells} cells", node, "xen,reg");
            for (var i = 0; i < xenReg.Length; i += entry)
                device.Mmio.Add((Cells.Number(xenReg, i, addressCells), Cells.Number(xenReg, i + addressCells, sizeCells),
                    Cells.Number(xenReg, i + addressCells + sizeCells, addressCells)));
            return;
        }
        IReadOnlyList<Region> regions;
        try
        {
            regions = AddressTranslator.Regions(hostNode);
        }
        catch (AddressException e)
        {
            throw new LopException(e.Message, hostNode, "reg");
        }
        // As in xl's partial trees, the node's own reg is the guest address; without one, guest = host.
        IReadOnlyList<Region> guest;
        try
        {
            guest = AddressTranslator.Regions(node);
        }
        catch (AddressException e)
        {
            throw new LopException(e.Message, node, "reg");
        }
        if (guest.Count > 0 && guest.Count != regions.Count)
            throw new LopException($"reg has {guest.Count} regions but {hostNode.Path} has {regions.Count}; give xen,reg triples to pair them", node, "reg");
        for (var i = 0; i < regions.Count; i++)
        {
            if (guest.Count > 0 && guest[i].Size != regions[i].Size)
                throw new LopException($"reg region {i} is 0x{guest[i].Size:x} bytes but {hostNode.Path} has 0x{regions[i].Size:x}", node, "reg");
            device.Mmio.Add((regions[i].Address, regions[i].Size, guest.Count > 0 ? guest[i].Address : regions[i].Address));
        }
    }

    private static void ReadIrqs(LopContext context, DtNode node, DtNode hostNode, HostStreams host, PassthroughDevice device)
    {
        if (node.GetProperty("interrupts") is not null)
        {
            // the partial tree's own interrupts are the guest's: Xen's virtual GIC takes <type number flags>
            AddSpis(Cells.ReadAll(node, "interrupts")!, 3, node, "interrupts", device);
            return;
        }
        if (hostNode.GetProperty("interrupts") is not null)
        {
            if (InterruptTree.ParentOf(hostNode, host.NodeByPhandle) is not { } parent || !InterruptTree.IsGic(parent))
            {
                context.Warn($"{node.Path}: the interrupts of {hostNode.Path} do not go to the GIC; no irqs are listed for it");
                return;
            }
            AddSpis(Cells.ReadAll(hostNode, "interrupts")!, GicCells(parent), hostNode, "interrupts", device);
            return;
        }
        if (Cells.ReadAll(hostNode, "interrupts-extended") is not { } extended) return;
        // <phandle specifier> entries, each sized by its controller's #interrupt-cells
        var index = 0;
        for (var i = 0; i < extended.Length; index++)
        {
            var controller = host.NodeByPhandle(extended[i]);
            var width = controller is null ? 0 : Cells.ReadU32(controller, "#interrupt-cells") ?? 0;
            if (controller is null || width == 0 || width > (uint)(extended.Length - i - 1))
                throw new LopException($"interrupts-extended entry {index} does not name an interrupt controller with its #interrupt-cells", hostNode, "interrupts-extended");
            if (!InterruptTree.IsGic(controller))
                context.Warn($"{node.Path}: interrupt {index} of {hostNode.Path} goes to {controller.Path}, not the GIC; it is not listed");
            else
            {
                GicCells(controller); // 3 or 4 cells, else a located error
                AddSpi(extended[i + 1], extended[i + 2], index, hostNode, "interrupts-extended", device);
            }
            i += 1 + (int)width;
        }
    }

    /// <summary>A GIC's specifier width: 3, or 4 on a GICv3 whose fourth cell names a PPI partition.</summary>
    private static int GicCells(DtNode gic)
    {
        var width = Cells.ReadU32(gic, "#interrupt-cells") ?? 3;
        if (width is < 3 or > 4) throw new LopException($"{gic.Path} has #interrupt-cells = {width}; a GIC takes 3 or 4", gic, "#interrupt-cells");
        return (int)width;
    }

    private static void AddSpis(uint[] cells, int width, DtNode node, string property, PassthroughDevice device)
    {
        if (cells.Length % width != 0)
            throw new LopException(width == 3 ? "interrupts must be GIC triples <type number flags>" : $"interrupts must be GIC specifiers of {width} cells", node, property);
        for (var i = 0; i < cells.Length; i += width) AddSpi(cells[i], cells[i + 1], i / width, node, property, device);
    }

    private static void AddSpi(uint type, uint number, int index, DtNode node, string property, PassthroughDevice device)
    {
        if (type != 0) throw new LopException($"interrupt {index} is not an SPI (type {type}); only SPIs can be passed through", node, property);
        device.Irqs.Add(number + 32);
    }

    /// <summary>Every other host device's streams, for the sharing check and the hardware domain in the model.</summary>
    private static void CollectHostStreams(XenPlan plan, DeviceTree host, HostStreams streams)
    {
        var given = plan.Devices.Select(d => d.HostPath).ToHashSet(StringComparer.Ordinal);
        foreach (var n in host.Root.Walk())
        {
            if (given.Contains(n.Path) || n.GetProperty("iommus") is null) continue;
            List<(PhysicalSmmu Smmu, uint Sid)> found;
            try
            {
                found = streams.FromIommus(n, strict: false);
            }
            catch (LopException)
            {
                continue; // a malformed host node we do not pass through is not this guest's concern
            }
            foreach (var (smmu, sid) in found)
                if (plan.Smmus.Contains(smmu)) plan.HostStreams.Add((smmu, sid, n.Path));
        }
    }

    private static void CheckSharedStreams(XenPlan plan)
    {
        var host = plan.HostStreams.GroupBy(h => (h.Smmu.Path, h.Sid)).ToDictionary(g => g.Key, g => g.First().Node);
        foreach (var s in plan.Streams)
            if (host.TryGetValue((s.Smmu.Path, s.PhysicalSid), out var other))
                throw new LopException($"StreamID 0x{s.PhysicalSid:x} of {s.Smmu.Path} is shared with host device {other}, which is not given to this guest; " +
                                       "devices sharing a stream cannot be isolated and must go to the same guest", s.Device.GuestPath);
    }
}
