namespace Viommu.Lops.Xen;

/// <summary>Guest constants from Xen's public headers and, marked (series), the unmerged vSMMUv3 series; the
/// series values are defaults of options.</summary>
public static class XenConstants
{
    public const uint GuestPhandleGic = 65000;
    public const uint GuestPhandleIommu = 65001;
    /// <summary>(series) GUEST_PHANDLE_VSMMUV3 = 0xfdea.</summary>
    public const uint GuestPhandleVsmmu = 65002;
    /// <summary>(series) GUEST_VSMMUV3_BASE.</summary>
    public const ulong GuestVsmmuBase = 0x04040000;
    /// <summary>(series) GUEST_VSMMUV3_SIZE.</summary>
    public const ulong GuestVsmmuSize = 0x40000;
    /// <summary>(series) the vSMMU's SPI (GUEST_VSMMU_SPI 33 = SPI 1).</summary>
    public const uint GuestVsmmuSpi = 1;
    public const ulong GuestRam0Base = 0x40000000;
    public const ulong GuestRam0Size = 0xc0000000;
    public const ulong GuestRam1Base = 0x0200000000;

    /// <summary>
    /// Guest RAM of <paramref name="size"/> bytes as Xen lays it out: bank 0 (3 GB at 1 GB, always listed) first,
    /// the rest in bank 1 at 8 GB. <c>Offset</c> is where the bank starts within the guest's RAM.
    /// </summary>
    public static (int Bank, ulong Base, ulong Offset, ulong Size)[] GuestRamBanks(ulong size)
    {
        var low = Math.Min(size, GuestRam0Size);
        return size > low
            ? new[] { (0, GuestRam0Base, 0UL, low), (1, GuestRam1Base, low, size - low) }
            : new[] { (0, GuestRam0Base, 0UL, low) };
    }
    public const ulong GuestGicdBase = 0x03001000;
    public const ulong GuestGicdSize = 0x1000;
    public const ulong GuestGiccBase = 0x03002000;
    public const ulong GuestGiccSize = 0x2000;
    public const ulong GuestGicv3GicdSize = 0x10000;
    public const ulong GuestGicv3Gicr0Base = 0x03020000;
    public const ulong GuestGicv3Gicr0Size = 0x01000000;
    public const ulong GuestPl011Base = 0x22000000;
    public const ulong GuestPl011Size = 0x1000;
    public const uint GuestVpl011Spi = 32;
    public const ulong GuestGnttabBase = 0x38000000;
    public const ulong GuestGnttabSize = 0x01000000;
    /// <summary>GUEST_MAGIC_BASE: the toolstack's special pages (console, xenstore, ...).</summary>
    public const ulong GuestMagicBase = 0x39000000;
    public const ulong GuestMagicSize = 0x01000000;
    public const uint GuestTimerVirtPpi = 27;
    public const uint GuestTimerPhysSecurePpi = 29;
    public const uint GuestTimerPhysNonSecurePpi = 30;
    public const uint GuestEvtchnPpi = 31;
    /// <summary>PSCI 0.1 function IDs Xen gives guests (public/arch-arm.h).</summary>
    public const uint PsciCpuOff = 1;
    public const uint PsciCpuOn = 2;
}
