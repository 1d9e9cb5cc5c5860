using Viommu.Lops.Runtime;
using Viommu.SmmuModel.Validation;

namespace Viommu.Lops.Xen;

/// <summary>Step 6, <c>xen,validate</c>: builds what Xen would program (stream tables, stage 2, the guest's
/// nested stage 1) in the SMMU model and proves by translation that each stream reaches its guest's memory
/// and nothing else. Any violation fails the pipeline, so nothing is written.</summary>
public sealed class ValidatePlanLop : ILop
{
    public const string StateKey = "xen.validation";
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,validate" };
    public string Description => "Xen: prove every binding in the simulated SMMUv3";

    public bool Run(LopContext context)
    {
        var plan = XenLops.Plan(context, allocated: true);
        var layout = GuestLayout.Problems(plan);
        if (layout.Count > 0) throw new LopException("the guest's memory map does not work:\n  " + string.Join("\n  ", layout));
        var report = Validator.Validate(PlanValidation.Build(plan));
        context.Session.Set(StateKey, report);
        if (!report.Passed)
            throw new LopException("the SMMU model rejects the mapping:\n  " + string.Join("\n  ", report.Violations.Take(20).Select(v => v.Describe()))
                                   + (report.Violations.Count > 20 ? $"\n  ... and {report.Violations.Count - 20} more" : ""));
        context.Session.Info($"SMMU model: {report.StreamsChecked} streams, {report.LeafRangesChecked} leaf ranges, {report.TranslationsPerformed} translations: all proven");
        return true;
    }
}
