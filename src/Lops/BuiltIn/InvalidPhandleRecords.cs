using System.Buffers.Binary;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.BuiltIn;

/// <summary>
/// What Lopper does to phandle properties when it prints a tree strictly (an output lop without --permissive):
/// properties it knows as phandle lists are cut into records by its field map; a record whose phandle names no node
/// of the printed tree is dropped, and a property left with no record is dropped. Where a record's size depends on
/// its target (<c>phandle:#clock-cells</c>) or on a cells property and that is missing, Lopper cannot cut the value
/// and prints it as it is. Only the DTS form is printed this way.
/// </summary>
public static class InvalidPhandleRecords
{
    // Lopper's phandle_possible_properties (lopper/base.py), without its system-device-tree address maps.
    private static readonly Dictionary<string, string[]> Fields = new(StringComparer.Ordinal)
    {
        ["interrupt-parent"] = ["phandle"],
        ["interrupts-extended"] = ["phandle", "field", "field"],
        ["iommus"] = ["phandle", "field"],
        ["interrupt-map"] = ["#address-cells", "#interrupt-cells", "phandle:#interrupt-cells"],
        ["access"] = ["phandle", "flags"],
        ["cpus"] = ["phandle", "mask", "mode"],
        ["clocks"] = ["phandle:#clock-cells"],
        ["reset-gpios"] = ["phandle", "field", "field"],
        ["resets"] = ["phandle", "field"],
        ["assigned-clocks"] = ["phandle:#clock-cells"],
        ["cpu-idle-states"] = ["phandle"],
        ["power-domains"] = ["phandle", "field"],
        ["operating-points-v2"] = ["phandle"],
        ["next-level-cache"] = ["phandle"],
        ["interrupt-affinity"] = ["phandle"],
        ["fpga-mgr"] = ["phandle"],
    };

    /// <summary>Prunes every node of <paramref name="tree"/>; returns "node:property" for each property changed.</summary>
    public static List<string> Prune(DeviceTree tree)
    {
        var index = new PhandleIndex(tree.Root);
        var changed = new List<string>();
        foreach (var node in tree.Root.Walk())
            foreach (var property in node.Properties.ToList())
            {
                if (!Fields.TryGetValue(property.Name, out var fields)) continue;
                var kept = KeptRecords(node, property.Value.Bytes, fields, index);
                if (kept is null) continue;
                changed.Add($"{node.Path}:{property.Name}");
                if (kept.Count == 0) node.RemoveProperty(property.Name);
                else property.Value = Slice(property.Value, kept);
            }
        return changed;
    }

    /// <summary>The kept records' bytes with their markers (labels, references) moved along.</summary>
    private static PropertyValue Slice(PropertyValue value, List<(int Start, int Length)> records)
    {
        var result = new PropertyValue();
        result.AddMarker(MarkerType.TypeUint32, null);
        foreach (var (start, length) in records)
        {
            var shift = result.Length - start * 4;
            foreach (var m in value.Markers)
                if (!m.IsTypeMarker && m.Offset >= start * 4 && m.Offset < (start + length) * 4)
                    result.Markers.Add(new Marker(m.Type, m.Offset + shift, m.Reference));
            result.Append(value.Bytes.Slice(start * 4, length * 4));
        }
        return result;
    }

    /// <summary>The records (first cell, cell count) to keep, or null when the property stays as it is.</summary>
    private static List<(int Start, int Length)>? KeptRecords(DtNode node, ReadOnlySpan<byte> bytes, string[] fields, PhandleIndex index)
    {
        if (bytes.Length == 0 || bytes.Length % 4 != 0) return null;
        var cells = new uint[bytes.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(i * 4)..]);

        var records = new List<(int Start, int Length, bool Valid)>();
        var at = 0;
        var complete = true;
        while (at < cells.Length)
        {
            var start = at;
            var valid = true;
            foreach (var field in fields)
            {
                if (field[0] == '#')
                {
                    if (CellsOf(node, field) is not { } n) { complete = false; break; }
                    at += n;
                }
                else if (field.StartsWith("phandle", StringComparison.Ordinal))
                {
                    if (at >= cells.Length) { complete = false; break; }
                    var target = index.Find(cells[at]);
                    var colon = field.IndexOf(':');
                    if (colon < 0)
                    {
                        valid &= target is not null;
                        at++;
                    }
                    else
                    {
                        if (target is null || CellsOf(target, field[(colon + 1)..]) is not { } n) { complete = false; break; }
                        at += 1 + n;
                    }
                }
                else at++;
            }
            if (!complete || at > cells.Length) return null; // cannot be cut into records: printed as it is
            records.Add((start, at - start, valid));
        }
        if (records.All(r => r.Valid)) return null;
        return records.Where(r => r.Valid).Select(r => (r.Start, r.Length)).ToList();
    }

    /// <summary>A cells property's value; null when missing or beyond any real record size (a hostile value such
    /// as 0xffffffff must not turn the record walk backwards).</summary>
    private static int? CellsOf(DtNode node, string property)
        => node.GetProperty(property) is { Value.Length: 4 } p && p.Value.ReadCell(0) is var n && n <= 256 ? (int)n : null;
}
