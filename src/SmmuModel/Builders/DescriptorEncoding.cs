using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Builders;

/// <summary>Leaf descriptor attribute bits for a mapping, as a hypervisor or an OS would write them.</summary>
public static class DescriptorEncoding
{
    private const ulong AccessFlag = 1UL << 10;
    private const ulong InnerShareable = 3UL << 8;

    /// <summary>Stage-2 attributes: S2AP read (6) and write (7), XN (54), MemAttr (5:2), SH, AF.</summary>
    public static ulong Stage2Attributes(MapPermissions p, bool device)
    {
        ulong d = AccessFlag | (device ? 0x1UL << 2 : (0xFUL << 2) | InnerShareable);
        if (p.HasFlag(MapPermissions.Read)) d |= 1UL << 6;
        if (p.HasFlag(MapPermissions.Write)) d |= 1UL << 7;
        if (!p.HasFlag(MapPermissions.Execute)) d |= 1UL << 54;
        return d;
    }

    /// <summary>Stage-1 attributes for device traffic (unprivileged): AP[1] set, AP[2] for read-only,
    /// UXN and PXN when not executable, AttrIndx 0 (normal) or 1 (device), AF.</summary>
    public static ulong Stage1Attributes(MapPermissions p, bool device)
    {
        ulong d = AccessFlag | (1UL << 6) | (device ? 1UL << 2 : InnerShareable);
        if (!p.HasFlag(MapPermissions.Write)) d |= 1UL << 7;
        if (!p.HasFlag(MapPermissions.Execute)) d |= (1UL << 53) | (1UL << 54);
        return d;
    }

    /// <summary>The permissions a stage-2 leaf grants.</summary>
    public static MapPermissions Stage2Permissions(ulong descriptor)
    {
        var p = MapPermissions.None;
        if (Bits.Bit(descriptor, 6)) p |= MapPermissions.Read;
        if (Bits.Bit(descriptor, 7)) p |= MapPermissions.Write;
        if (Bits.Field(descriptor, 54, 53) == 0) p |= MapPermissions.Execute;
        return p;
    }
}
