using CsCheck;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// Values read in bulk share buffers (a blob's values sit in chunks, a DTS source's values and markers too): editing
/// one value must never show in another, and a value read must behave like one built by hand.
/// </summary>
public class SharedValueTests
{
    private static readonly Gen<(string Name, byte[] Value)> Property =
        Gen.Select(Gen.String[Gen.Char["abcdefgh-,"], 1, 10], Gen.Byte.Array[0, 24], (n, v) => (n, v));

    private static DtNode Build(List<(string Name, byte[] Value)> props, int children)
    {
        var root = new DtNode("");
        var seen = new HashSet<string>();
        var owner = root;
        foreach (var (name, value) in props)
        {
            if (!seen.Add(name)) continue;
            owner.AddProperty(new DtProperty(name, new PropertyValue(value)));
            // spread the properties over a few nodes so that neighbours in a chunk belong to different nodes
            if (seen.Count % 3 == 0 && children-- > 0) owner = root.AddChild(new DtNode($"n{seen.Count}"));
        }
        return root;
    }

    private static List<DtProperty> AllProperties(DtNode root)
    {
        var all = new List<DtProperty>();
        foreach (var n in root.Walk()) all.AddRange(n.Properties);
        return all;
    }

    /// <summary>The edits a user or a lop makes to a value.</summary>
    private static void Edit(DtProperty prop, int kind, byte b)
    {
        switch (kind)
        {
            case 0: prop.Value.Append([b, b, b]); break;
            case 1: if (prop.Value.Length > 0) prop.Value.MutableBytes[^1] ^= b; break;
            case 2: if (prop.Value.Length >= 4) prop.Value.WriteCell(0, 0xdead0000u | b); break;
            case 3: prop.Value = new PropertyValue([b]); break;
            case 4: prop.Value.AppendZeroes(b % 5); break;
            default: prop.Value.AddMarker(MarkerType.TypeUint8, null); prop.Value.AppendByte(b); break;
        }
    }

    [Fact]
    public void Editing_a_value_read_from_a_blob_changes_that_value_only()
        => EditingOneValueChangesItOnly(blob => DtbReader.Read(blob, new DiagnosticBag())!);

    [Fact]
    public void Editing_a_value_parsed_from_source_changes_that_value_only()
        => EditingOneValueChangesItOnly(blob =>
            DtsParser.ParseText(DtsWriter.Write(DtbReader.Read(blob, new DiagnosticBag())!), new DiagnosticBag(), "gen.dts")!);

    /// <summary>
    /// Builds a tree by hand (values with arrays of their own: the oracle), reads it back through
    /// <paramref name="readBack"/>, makes the same edit to one property of each and compares the blobs.
    /// </summary>
    private static void EditingOneValueChangesItOnly(Func<byte[], DeviceTree> readBack)
    {
        Gen.Select(Property.List[1, 30], Gen.Int[0, 5], Gen.Int[0, 1000], Gen.Byte, Gen.Int[0, 4])
            .Sample((props, kind, pick, b, children) =>
            {
                var handTree = new DeviceTree(Build(props, children));
                var read = readBack(DtbWriter.Write(handTree));
                var handProps = AllProperties(handTree.Root);
                var readProps = AllProperties(read.Root);
                Assert.Equal(handProps.Count, readProps.Count);
                var i = pick % handProps.Count;
                Edit(handProps[i], kind, b);
                Edit(readProps[i], kind, b);
                Assert.Equal(DtbWriter.Write(handTree), DtbWriter.Write(read));
            }, iter: 500, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Markers_of_a_parsed_value_are_its_own_and_become_an_editable_list()
    {
        var tree = DtsParser.ParseText("/dts-v1/;\n/ { a = <1 2>, \"x\"; b = [01 02]; c = <&{/}>; };", new DiagnosticBag(), "m.dts")!;
        var a = tree.Root.GetProperty("a")!.Value;
        var b = tree.Root.GetProperty("b")!.Value;
        Assert.Equal([MarkerType.TypeUint32, MarkerType.TypeString], a.MarkerSpan.ToArray().Select(m => m.Type));
        Assert.Equal([new Marker(MarkerType.TypeUint8, 0, null)], b.MarkerSpan.ToArray());
        a.Markers.Add(new Marker(MarkerType.Label, 2, "x"));
        Assert.Equal(3, a.MarkerSpan.Length);
        Assert.Single(b.MarkerSpan.ToArray()); // the neighbour in the shared marker chunk is untouched
        a.Markers.Clear();
        Assert.False(a.HasMarkers);
        Assert.True(b.HasMarkers);
        Assert.True(tree.Root.GetProperty("c")!.Value.HasMarker(MarkerType.RefPhandle));
        Assert.False(b.HasMarker(MarkerType.RefPhandle));
    }

    [Fact]
    public void A_lone_type_marker_shared_by_values_and_trees_is_changed_for_the_edited_value_only()
    {
        // one string or one cell list: such values share their one marker (with each other and with other trees)
        const string source = "/dts-v1/;\n/ { d = <5>; e = <6>; s = \"x\"; w = /bits/ 64 <7>; };";
        var tree = DtsParser.ParseText(source, new DiagnosticBag(), "m.dts")!;
        var d = tree.Root.GetProperty("d")!;
        d.Value.Markers[0] = new Marker(MarkerType.TypeUint16, 0, null);
        d.Value.Markers.Add(new Marker(MarkerType.Label, 4, "end"));
        tree.Root.GetProperty("s")!.Value.Markers.Clear();
        Assert.Equal([new Marker(MarkerType.TypeUint32, 0, null)], tree.Root.GetProperty("e")!.ValueMarkers.ToArray());
        Assert.Equal([new Marker(MarkerType.TypeUint64, 0, null)], tree.Root.GetProperty("w")!.ValueMarkers.ToArray());
        var again = DtsParser.ParseText(source, new DiagnosticBag(), "m.dts")!;
        Assert.Equal([new Marker(MarkerType.TypeUint32, 0, null)], again.Root.GetProperty("d")!.ValueMarkers.ToArray());
        Assert.Equal([new Marker(MarkerType.TypeString, 0, null)], again.Root.GetProperty("s")!.Value.Markers);
        Assert.Equal("/dts-v1/;\n\n/ {\n\td = /bits/ 16 <0x00 0x05> end:;\n\te = <0x06>;\n\ts = \"x\";\n\tw = /bits/ 64 <0x07>;\n};\n",
            DtsWriter.Write(tree));
    }

    [Fact]
    public void A_property_read_from_a_blob_gets_its_value_object_once_and_keeps_edits()
    {
        var root = new DtNode("");
        root.AddProperty(new DtProperty("x", PropertyValue.FromCells(1, 2)));
        var read = DtbReader.Read(DtbWriter.Write(new DeviceTree(root)), new DiagnosticBag())!;
        var prop = read.Root.GetProperty("x")!;
        Assert.Same(prop.Value, prop.Value);
        prop.Value.WriteCell(4, 7);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0, 0, 0, 7 }, prop.Value.Bytes.ToArray());
        Assert.False(prop.Value.HasMarkers);
    }
}
