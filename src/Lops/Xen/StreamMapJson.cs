using System.Text;
using System.Text.Json;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>
/// The <c>--map</c> file: <c>{ "vsmmus": [ {index, base, size, phandle, psmmu} ], "streams": [ {guest_node,
/// host_node, psmmu: {path, base}, psid, vsmmu, vsid, rid?} ] }</c>, numbers as 0x hex strings (base, ids) so
/// they read as in the tree, streams in plan order.
/// </summary>
public static class StreamMapJson
{
    public static string Write(XenPlan plan)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("vsmmus");
            foreach (var v in plan.Vsmmus)
            {
                w.WriteStartObject();
                w.WriteNumber("index", v.Index);
                w.WriteString("base", Hex(v.Base));
                w.WriteString("size", Hex(v.Size));
                w.WriteString("phandle", Hex(v.Phandle));
                if (v.For is { } p) w.WriteString("psmmu", p.Path); else w.WriteNull("psmmu");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("streams");
            foreach (var s in plan.Streams)
            {
                w.WriteStartObject();
                w.WriteString("guest_node", s.Device.GuestPath);
                w.WriteString("host_node", s.Device.HostPath);
                w.WriteStartObject("psmmu");
                w.WriteString("path", s.Smmu.Path);
                w.WriteString("base", Hex(s.Smmu.Base));
                w.WriteEndObject();
                w.WriteString("psid", Hex(s.PhysicalSid));
                w.WriteNumber("vsmmu", s.Vsmmu);
                w.WriteString("vsid", Hex(s.Vsid!.Value));
                if (s.Rid is { } rid) w.WriteString("rid", Hex(rid));
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary><c>xen,emit-map</c>: the JSON stream map, to the lop's <c>outfile</c> when given and kept for the command.</summary>
public sealed class EmitMapLop : ILop
{
    public const string StateKey = "xen.map";
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,emit-map" };
    public string Description => "Xen: write the JSON map of streams (guest node, host node, pSMMU, pSID, vSMMU, vSID)";

    public bool Run(LopContext context)
    {
        GeneratedText.Publish(context, StateKey, StreamMapJson.Write(XenLops.Plan(context, allocated: true)));
        return true;
    }
}
