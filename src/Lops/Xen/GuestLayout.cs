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
        var fixedWindows = new List<(string Name, ulong Start, ulong Size)>
        {
            ("the guest's RAM (GUEST_RAM0_BASE)", XenConstants.GuestRam0Base, o.GuestRamSize),
            ("the virtual GIC distributor", 0x03001000, 0x10000),
            ("the virtual GIC redistributors", 0x03020000, 0x01000000),
            ("the vpl011 console", 0x22000000, 0x1000),
        };
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
