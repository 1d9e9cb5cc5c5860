using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>Step 2, <c>xen,allocate-vsids</c>: vSMMUs and vSIDs for the resolved streams (options <c>policy</c>,
/// <c>layout</c>, <c>pci-map</c>, and the vSMMU's base/size/phandle).</summary>
public sealed class AllocateVsidsLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,allocate-vsids" };
    public string Description => "Xen: allocate virtual StreamIDs (policy xen or identity; pins kept)";

    public bool Run(LopContext context)
    {
        var plan = XenLops.Plan(context);
        plan.Options = XenOptions.From(context.Spec, plan.Options);
        VsidAllocator.Allocate(plan);
        return true;
    }
}
