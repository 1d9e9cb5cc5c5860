using System.Text;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>Step 5, <c>xen,emit-xl</c>: the xl.cfg lines (viommu, iommu_devid_map, dtdev, iomem, irqs), written to
/// the lop's <c>outfile</c> when it has one and kept for the command.</summary>
public sealed class EmitXlLop : ILop
{
    public const string StateKey = "xen.xl";
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,emit-xl" };
    public string Description => "Xen: write the xl.cfg passthrough lines";

    public bool Run(LopContext context)
    {
        GeneratedText.Publish(context, StateKey, Encoding.UTF8.GetBytes(XlConfigWriter.Write(XenLops.Plan(context, allocated: true))));
        return true;
    }
}

/// <summary>A file's content (UTF-8 text) a lop made for the command to write.</summary>
public sealed record GeneratedText(byte[] Content)
{
    /// <summary>Keeps <paramref name="content"/> in the session under <paramref name="key"/> for the command, and stages
    /// it as the lop's <c>outfile</c> when it has one.</summary>
    public static void Publish(LopContext context, string key, byte[] content)
    {
        context.Session.Set(key, new GeneratedText(content));
        if (context.Spec.Text("outfile") is { } file) context.Session.StageOutput(file, content);
    }
}
