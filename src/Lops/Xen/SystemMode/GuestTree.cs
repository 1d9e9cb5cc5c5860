using System.Globalization;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>
/// The complete device tree a guest boots with, as libxl builds it (tools/libs/light/libxl_arm.c): root
/// properties, cpus and PSCI, memory in Xen's guest RAM banks, a GIC of the host's version, the timer, the
/// hypervisor node, the vpl011 console, the vSMMU and the passthrough devices. For guests built against a
/// device tree (Zephyr, static configurations); node names carry unit addresses so dtc has nothing to warn about.
/// </summary>
public static class GuestTree
{
    private const uint LevelLow = 8;
    private const uint LevelHigh = 4;
    // Zephyr's zephyr/dt-bindings/interrupt-controller/arm-gic.h.
    private const uint ZephyrLevel = 2;
    private const uint ZephyrEdge = 4;
    private const uint ZephyrDefaultPriority = 0xa0;

    public static DeviceTree Build(GuestResult guest, bool hostHasGicV3, string xenVersion)
    {
        var s = guest.Spec;
        var root = new DtNode("");
        root.AddProperty(new DtProperty("model", PropertyValue.FromString("XENVM-" + xenVersion)));
        root.AddProperty(new DtProperty("compatible", PropertyValue.FromStrings("xen,xenvm-" + xenVersion, "xen,xenvm")));
        root.AddProperty(new DtProperty("interrupt-parent", PropertyValue.FromCells(XenConstants.GuestPhandleGic)));
        root.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(2)));
        root.AddProperty(new DtProperty("#size-cells", PropertyValue.FromCells(2)));

        var uartName = $"sbsa-uart@{Hex(XenConstants.GuestPl011Base)}";
        var chosen = root.AddChild(new DtNode("chosen"));
        if (s.Cmdline is not null) chosen.AddProperty(new DtProperty("bootargs", PropertyValue.FromString(s.Cmdline)));
        chosen.AddProperty(new DtProperty("stdout-path", PropertyValue.FromString("serial0:115200n8")));
        var aliases = root.AddChild(new DtNode("aliases"));
        aliases.AddProperty(new DtProperty("serial0", PropertyValue.FromString("/" + uartName)));

        var cpus = root.AddChild(new DtNode("cpus"));
        cpus.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(1)));
        cpus.AddProperty(new DtProperty("#size-cells", PropertyValue.FromCells(0)));
        for (var i = 0; i < s.Vcpus; i++)
        {
            // MPIDR affinity as libxl computes it: Aff0 = cpu % 16, Aff1 = cpu / 16.
            var mpidr = (uint)((i & 0x0f) | (((i >> 4) & 0xff) << 8));
            var cpu = cpus.AddChild(new DtNode($"cpu@{Hex(mpidr)}"));
            cpu.AddProperty(new DtProperty("device_type", PropertyValue.FromString("cpu")));
            cpu.AddProperty(new DtProperty("compatible", PropertyValue.FromString("arm,armv8")));
            cpu.AddProperty(new DtProperty("enable-method", PropertyValue.FromString("psci")));
            cpu.AddProperty(new DtProperty("reg", PropertyValue.FromCells(mpidr)));
        }
        var psci = root.AddChild(new DtNode("psci"));
        psci.AddProperty(new DtProperty("compatible", PropertyValue.FromStrings("arm,psci-1.0", "arm,psci-0.2", "arm,psci")));
        psci.AddProperty(new DtProperty("method", PropertyValue.FromString("hvc")));
        psci.AddProperty(new DtProperty("cpu_off", PropertyValue.FromCells(XenConstants.PsciCpuOff)));
        psci.AddProperty(new DtProperty("cpu_on", PropertyValue.FromCells(XenConstants.PsciCpuOn)));

        foreach (var bank in XenConstants.GuestRamBanks(s.Memory)) Memory(root, bank.Base, bank.Size);

        var gic = root.AddChild(new DtNode($"interrupt-controller@{Hex(XenConstants.GuestGicdBase)}"));
        gic.AddProperty(new DtProperty("compatible", hostHasGicV3 ? PropertyValue.FromString("arm,gic-v3") : PropertyValue.FromStrings("arm,cortex-a15-gic", "arm,cortex-a9-gic")));
        gic.AddProperty(new DtProperty("#interrupt-cells", PropertyValue.FromCells(3)));
        gic.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(0)));
        gic.AddProperty(new DtProperty("interrupt-controller", new PropertyValue()));
        gic.AddProperty(new DtProperty("reg", hostHasGicV3
            ? Regs(XenConstants.GuestGicdBase, XenConstants.GuestGicv3GicdSize, XenConstants.GuestGicv3Gicr0Base, XenConstants.GuestGicv3Gicr0Size)
            : Regs(XenConstants.GuestGicdBase, XenConstants.GuestGicdSize, XenConstants.GuestGiccBase, XenConstants.GuestGiccSize)));
        gic.AddProperty(new DtProperty("phandle", PropertyValue.FromCells(XenConstants.GuestPhandleGic)));

        var timer = root.AddChild(new DtNode("timer"));
        timer.AddProperty(new DtProperty("compatible", PropertyValue.FromString("arm,armv8-timer")));
        timer.AddProperty(new DtProperty("interrupts", PropertyValue.FromCells(
            Interrupt(XenConstants.GuestTimerPhysSecurePpi, LevelLow)
                .Concat(Interrupt(XenConstants.GuestTimerPhysNonSecurePpi, LevelLow))
                .Concat(Interrupt(XenConstants.GuestTimerVirtPpi, LevelLow)).ToArray())));

        var hypervisor = root.AddChild(new DtNode($"hypervisor@{Hex(XenConstants.GuestGnttabBase)}"));
        hypervisor.AddProperty(new DtProperty("compatible", PropertyValue.FromStrings("xen,xen-" + xenVersion, "xen,xen")));
        hypervisor.AddProperty(new DtProperty("reg", Regs(XenConstants.GuestGnttabBase, XenConstants.GuestGnttabSize)));
        hypervisor.AddProperty(new DtProperty("interrupts", PropertyValue.FromCells(Interrupt(XenConstants.GuestEvtchnPpi, LevelLow))));

        var uart = root.AddChild(new DtNode(uartName));
        uart.AddProperty(new DtProperty("compatible", PropertyValue.FromString("arm,sbsa-uart")));
        uart.AddProperty(new DtProperty("reg", Regs(XenConstants.GuestPl011Base, XenConstants.GuestPl011Size)));
        uart.AddProperty(new DtProperty("interrupts", PropertyValue.FromCells(Interrupt(XenConstants.GuestVpl011Spi, LevelHigh))));
        uart.AddProperty(new DtProperty("current-speed", PropertyValue.FromCells(115200)));

        if (s.Viommu && guest.Plan.Streams.Count > 0)
            foreach (var v in guest.Plan.Vsmmus)
            {
                var node = root.AddChild(new DtNode($"iommu@{Hex(v.Base)}"));
                node.AddProperty(new DtProperty("compatible", PropertyValue.FromString("arm,smmu-v3")));
                node.AddProperty(new DtProperty("reg", Regs(v.Base, v.Size)));
                node.AddProperty(new DtProperty("interrupts", PropertyValue.FromCells(0, guest.Plan.Options.VsmmuSpi + (uint)v.Index, 0xf04)));
                node.AddProperty(new DtProperty("interrupt-names", PropertyValue.FromString("combined")));
                node.AddProperty(new DtProperty("#iommu-cells", PropertyValue.FromCells(1)));
                node.AddProperty(new DtProperty("phandle", PropertyValue.FromCells(v.Phandle)));
            }

        if (guest.Partial.FindByPath("/passthrough") is { } passthrough)
        {
            var copy = NodeCopy.DeepCopy(passthrough);
            foreach (var n in copy.Walk())
            {
                foreach (var p in n.Properties.Where(p => p.Name.StartsWith("xen,", StringComparison.Ordinal)).ToList())
                    n.RemoveProperty(p.Name);
                // An interrupt controller says how many address cells its interrupt-map parents need (dtc asks for it).
                if (n.GetProperty("interrupt-controller") is not null && n.GetProperty("#address-cells") is null && !n.Children.Any())
                    n.AddProperty(new DtProperty("#address-cells", PropertyValue.FromCells(0)));
            }
            root.AddChild(copy);
        }
        // Write the guest phandles as references (<&gic>, <&vsmmu 3>), as a hand-written guest tree would.
        var labels = new Dictionary<uint, string> { [XenConstants.GuestPhandleGic] = "gic" };
        LabelList.Add(gic.Labels, "gic");
        foreach (var n in root.Children.Where(n => n.BaseName == "iommu"))
            if (Cells(n, "phandle") is [var ph])
            {
                var label = guest.Plan.Vsmmus.Count > 1 ? $"vsmmu{guest.Plan.Vsmmus.First(v => v.Phandle == ph).Index}" : "vsmmu";
                labels[ph] = label;
                LabelList.Add(n.Labels, label);
            }
        foreach (var n in root.Walk())
        {
            if (Cells(n, "interrupt-parent") is [var parent] && labels.TryGetValue(parent, out var l))
                n.SetProperty("interrupt-parent", References(new[] { parent }, 1, labels));
            if (Cells(n, "iommus") is { Length: > 0 } iommus && iommus.Length % 2 == 0)
                n.SetProperty("iommus", References(iommus, 2, labels));
        }
        return new DeviceTree(root);
    }

    /// <summary>
    /// A Zephyr board overlay for the xenvm board: the vSMMU and the passthrough devices of the complete guest tree,
    /// referring to the board's <c>gic</c> label (Zephyr's xenvm.dts already has the GIC, timer, hypervisor and UART).
    /// </summary>
    public static string ZephyrOverlay(DeviceTree complete, string guestName)
    {
        var root = new DtNode("");
        foreach (var n in complete.Root.Children)
            if (n.BaseName is "iommu" or "passthrough") root.AddChild(NodeCopy.DeepCopy(n));
        // Zephyr's GIC binding has four cells: group, number, IRQ_TYPE_LEVEL (2) or IRQ_TYPE_EDGE (4), priority.
        foreach (var n in root.Walk())
        {
            if (n.GetProperty("interrupt-parent") is null && n != root.Children.FirstOrDefault(c => c.BaseName == "iommu")) continue;
            if (Cells(n, "interrupts") is not { Length: > 0 } cells || cells.Length % 3 != 0) continue;
            var zephyr = new List<uint>();
            for (var i = 0; i < cells.Length; i += 3)
                zephyr.AddRange(new[] { cells[i], cells[i + 1], (cells[i + 2] & 0x3) != 0 ? ZephyrEdge : ZephyrLevel, ZephyrDefaultPriority });
            n.SetProperty("interrupts", PropertyValue.FromCells(zephyr.ToArray()));
        }
        var text = System.Text.Encoding.UTF8.GetString(DtEngine.Dts.DtsWriter.WriteBytes(new DeviceTree(root), new DtEngine.Dts.DtsWriteOptions()));
        text = text.Replace("/dts-v1/;\n\n", "");
        return $"/* Zephyr overlay for guest '{guestName}' on Xen (board xenvm), generated by viommu xen system. */\n" + text;
    }

    private static uint[]? Cells(DtNode node, string name) => DtEngine.Addressing.Cells.ReadAll(node, name);

    /// <summary>Cells with a phandle every <paramref name="stride"/> cells, that phandle written as a label reference.</summary>
    private static PropertyValue References(uint[] cells, int stride, Dictionary<uint, string> labels)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeUint32, null);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i % stride == 0 && labels.TryGetValue(cells[i], out var label)) v.AddMarker(MarkerType.RefPhandle, label);
            v.AppendInteger(cells[i], 32);
        }
        return v;
    }

    private static void Memory(DtNode root, ulong baseAddress, ulong size)
    {
        var m = root.AddChild(new DtNode($"memory@{Hex(baseAddress)}"));
        m.AddProperty(new DtProperty("device_type", PropertyValue.FromString("memory")));
        m.AddProperty(new DtProperty("reg", Regs(baseAddress, size)));
    }

    /// <summary>A GIC specifier as libxl's set_interrupt writes it: PPI or SPI, number, CPU mask 0xf and trigger.</summary>
    private static uint[] Interrupt(uint irq, uint level)
    {
        var ppi = irq < 32;
        return new[] { ppi ? 1u : 0u, irq - (ppi ? 16u : 32u), (0xfu << 8) | level };
    }

    private static PropertyValue Regs(params ulong[] values)
        => PropertyValue.FromCells(values.SelectMany(v => new[] { (uint)(v >> 32), (uint)v }).ToArray());

    private static string Hex(ulong v) => v.ToString("x", CultureInfo.InvariantCulture);
}
