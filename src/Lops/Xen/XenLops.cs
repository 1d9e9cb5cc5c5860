using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>The Xen vSMMUv3 lops, in pipeline order, and the plan they share.</summary>
public static class XenLops
{
    public static IEnumerable<ILop> All() => new ILop[]
    {
        new ResolveStreamsLop(), new AllocateVsidsLop(), new EmitVsmmuLop(), new RewriteIommusLop(), new EmitXlLop(),
        new ValidatePlanLop(), new EmitMapLop(),
    };

    /// <summary>The plan an earlier step made; a step run out of order is a lop error.</summary>
    public static XenPlan Plan(LopContext context, bool allocated = false)
    {
        var plan = context.Session.Get<XenPlan>(XenPlan.StateKey)
                   ?? throw new LopException("no Xen plan yet: run xen,resolve-streams first");
        if (allocated && !plan.Allocated) throw new LopException("vSIDs are not allocated yet: run xen,allocate-vsids first");
        return plan;
    }
}
