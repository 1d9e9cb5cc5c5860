using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A parsed property keeps its bytes and markers as slices of the parse's shared arrays until its value object is
/// asked for: what the writers read without the object and what the object shows must be the same, however many
/// markers a value has and wherever in the shared arrays they sit.
/// </summary>
public class ParsedValueTests
{
    private static DeviceTree Parse(string text)
        => DtsParser.ParseText(text, new DiagnosticBag()) ?? throw new InvalidOperationException("test source");

    private static string Labelled(int labels)
    {
        var cells = new StringBuilder();
        for (var i = 0; i < labels; i++) cells.Append($" l{labels}x{i}: {i}");
        return $"<{cells} >";
    }

    [Theory]
    [InlineData(1)]
    [InlineData(62)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(70)]
    [InlineData(1500)]
    public void Every_marker_of_a_value_is_kept_whatever_their_number(int labels)
    {
        // a type marker and one label per cell: the same markers before and after the value object is made
        var tree = Parse($"/dts-v1/;\n/ {{\n\ta = \"x\";\n\tp = {Labelled(labels)};\n\tb = <1>;\n}};\n");
        var prop = tree.Root.GetProperty("p")!;
        var before = prop.ValueMarkers.ToArray();
        Assert.Equal(labels + 1, before.Length);
        Assert.Equal(MarkerType.TypeUint32, before[0].Type);
        Assert.Equal($"l{labels}x{labels - 1}", before[^1].Reference);
        var text = DtsWriter.Write(tree);
        Assert.Equal(before, prop.Value.Markers);
        Assert.Equal(before, prop.ValueMarkers.ToArray());
        Assert.Equal(text, DtsWriter.Write(tree));
        Assert.Contains($"p = < l{labels}x0:0x00", text);
        Assert.Contains($" l{labels}x{labels - 1}:0x{labels - 1:x2}>;", text);
    }

    [Fact]
    public void Values_spread_over_several_shared_arrays_keep_their_own_markers()
    {
        // 3,000 values of two or three markers each: several of the parse's marker arrays, slices at every offset
        var text = new StringBuilder("/dts-v1/;\n/ {\n");
        for (var i = 0; i < 3000; i++)
            text.Append(i % 2 == 0 ? $"\tp{i} = v{i}: <{i}>, \"s{i}\";\n" : $"\tp{i} = [{i % 256:x2}];\n");
        text.Append("};\n");
        var tree = Parse(text.ToString());
        var written = DtsWriter.Write(tree);
        for (var i = 0; i < 3000; i++)
        {
            var prop = tree.Root.GetProperty($"p{i}")!;
            var markers = prop.Value.Markers;
            if (i % 2 == 0)
            {
                Assert.Equal([MarkerType.Label, MarkerType.TypeUint32, MarkerType.TypeString], markers.Select(m => m.Type));
                Assert.Equal($"v{i}", markers[0].Reference);
                Assert.Equal(4, markers[2].Offset);
            }
            else Assert.Equal([MarkerType.TypeUint8], markers.Select(m => m.Type));
        }
        // once every value object is made, the text is the same
        Assert.Equal(written, DtsWriter.Write(tree));
        Assert.Contains("\tp2998 = v2998: <0xbb6>, \"s2998\";\n", written);
    }

    [Fact]
    public void A_value_set_on_a_parsed_property_replaces_its_bytes_and_markers()
    {
        var tree = Parse("/dts-v1/;\n/ {\n\tp = a: <1 2>, \"s\";\n\tq = <3>;\n};\n");
        var p = tree.Root.GetProperty("p")!;
        p.Value = PropertyValue.FromString("new");
        Assert.Equal([MarkerType.TypeString], p.ValueMarkers.ToArray().Select(m => m.Type));
        Assert.Equal("new\0"u8.ToArray(), p.ValueBytes.ToArray());
        Assert.Equal("/dts-v1/;\n\n/ {\n\tp = \"new\";\n\tq = <0x03>;\n};\n", DtsWriter.Write(tree));
    }

    [Fact]
    public void An_empty_parsed_value_grows_into_an_array_of_its_own()
    {
        var tree = Parse("/dts-v1/;\n/ {\n\tp;\n\tq = <7>;\n};\n");
        var p = tree.Root.GetProperty("p")!;
        Assert.False(p.HasValueMarkers);
        p.Value.AppendInteger(5, 32);
        Assert.Equal(new byte[] { 0, 0, 0, 5 }, p.Value.Bytes.ToArray());
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, tree.Root.GetProperty("q")!.Value.Bytes.ToArray());
    }
}
