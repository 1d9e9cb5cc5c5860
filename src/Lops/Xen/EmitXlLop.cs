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
        GeneratedText.Publish(context, StateKey, XlConfigWriter.Write(XenLops.Plan(context, allocated: true)));
        return true;
    }
}

/// <summary>Text a lop made for the command to write.</summary>
public sealed record GeneratedText(string Text)
{
    /// <summary>Keeps <paramref name="text"/> in the session under <paramref name="key"/> for the command, and stages it
    /// as the lop's <c>outfile</c> when it has one.</summary>
    public static void Publish(LopContext context, string key, string text)
    {
        context.Session.Set(key, new GeneratedText(text));
        if (context.Spec.Text("outfile") is { } file) context.Session.StageOutput(file, Encoding.UTF8.GetBytes(text));
    }
}
