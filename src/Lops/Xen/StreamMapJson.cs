using System.Buffers;
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
    /// <summary>The map as UTF-8 bytes, ending with a newline.</summary>
    public static byte[] Write(XenPlan plan)
    {
        // About 330 bytes a stream when indented; one buffer sized up front instead of a stream grown by doubling.
        var buffer = new ArrayBufferWriter<byte>(1024 + plan.Streams.Count * 384);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("vsmmus");
            foreach (var v in plan.Vsmmus)
            {
                w.WriteStartObject();
                w.WriteNumber("index", v.Index);
                WriteHex(w, "base", v.Base);
                WriteHex(w, "size", v.Size);
                WriteHex(w, "phandle", v.Phandle);
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
                WriteHex(w, "base", s.Smmu.Base);
                w.WriteEndObject();
                WriteHex(w, "psid", s.PhysicalSid);
                w.WriteNumber("vsmmu", s.Vsmmu);
                WriteHex(w, "vsid", s.Vsid!.Value);
                if (s.Rid is { } rid) WriteHex(w, "rid", rid);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteHex(Utf8JsonWriter w, string name, ulong value)
    {
        Span<byte> text = stackalloc byte[18];
        text[0] = (byte)'0';
        text[1] = (byte)'x';
        value.TryFormat(text[2..], out var digits, "x", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text[..(2 + digits)]);
    }
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
