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
}
