using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>The Xen vSMMUv3 lops, in pipeline order.</summary>
public static class XenLops
{
    public static IEnumerable<ILop> All() => Array.Empty<ILop>();
}
