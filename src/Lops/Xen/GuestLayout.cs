namespace Viommu.Lops.Xen;

/// <summary>
/// Checks that passthrough MMIO windows (guest addresses) avoid the guest's RAM, the windows Xen itself
/// places in every guest (GIC, vpl011, vSMMU) and each other, so a layout problem is named before the model
/// is asked.
/// </summary>
public static class GuestLayout
{
    public static List<string> Problems(XenPlan plan)
    {
        var o = plan.Options;
        var fixedWindows = XenConstants.GuestRamBanks(o.GuestRamSize)
            .Select(b => (Name: $"the guest's RAM (GUEST_RAM{b.Bank}_BASE)", Start: b.Base, b.Size)).ToList();
        fixedWindows.AddRange(new (string Name, ulong Start, ulong Size)[]
        {
            ("the virtual GIC distributor", XenConstants.GuestGicdBase, XenConstants.GuestGicv3GicdSize),
            ("the virtual GIC redistributors", XenConstants.GuestGicv3Gicr0Base, XenConstants.GuestGicv3Gicr0Size),
            ("the vpl011 console", XenConstants.GuestPl011Base, XenConstants.GuestPl011Size),
            // the hypervisor node's grant-table window and the toolstack's special pages: Xen maps both into
            // every guest, over whatever else the guest's address map has there
            ("the grant-table window (GUEST_GNTTAB_BASE)", XenConstants.GuestGnttabBase, XenConstants.GuestGnttabSize),
            ("the special pages (GUEST_MAGIC_BASE)", XenConstants.GuestMagicBase, XenConstants.GuestMagicSize),
        });
        foreach (var v in plan.Vsmmus) fixedWindows.Add(($"vSMMU {v.Index}", v.Base, v.Size));
        var problems = new List<string>();
        var placed = new List<(string Name, ulong Start, ulong Size)>();
        foreach (var d in plan.Devices.Where(d => !d.IsPci))
            foreach (var (_, size, guest) in d.Mmio)
            {
                foreach (var w in fixedWindows.Concat(placed))
                    if (guest < w.Start + w.Size && w.Start < guest + Math.Max(size, 1))
                        problems.Add($"{d.GuestPath}: guest window 0x{guest:x}+0x{size:x} overlaps {w.Name} at 0x{w.Start:x}+0x{w.Size:x}; give the device another guest address (reg or xen,reg)");
                placed.Add(($"the window of {d.GuestPath}", guest, size));
            }
        return problems;
    }
}
