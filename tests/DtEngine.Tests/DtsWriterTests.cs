using CsCheck;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>The DTS writer's fast paths give the bytes its general marker walk gives.</summary>
public class DtsWriterTests
{
    private static string WriteOne(PropertyValue value)
    {
        var root = new DtNode("");
        root.AddProperty(new DtProperty("p", value));
        return DtsWriter.Write(new DeviceTree(root));
    }

    // printable text, NULs and a few other bytes, so that every guess (strings, cells, bytes) comes up
    private static readonly Gen<byte[]> Value =
        Gen.OneOf(Gen.Byte[(byte)'a', (byte)'e'], Gen.Const((byte)0), Gen.Byte).Array[1, 24];

    [Fact]
    public void A_value_without_markers_is_written_as_the_marker_walk_writes_it()
    {
        Value.Sample(bytes =>
        {
            var unmarked = WriteOne(new PropertyValue(bytes));
            // a label at offset 0 sends the value through the marker walk; it prints as " lbl:" and nothing else
            var marked = new PropertyValue(bytes);
            marked.Markers.Add(new Marker(MarkerType.Label, 0, "lbl"));
            var walked = WriteOne(marked).Replace(" lbl:", "");
            Assert.Equal(walked, unmarked);
        }, iter: 3000);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'a', 0, (byte)'b', (byte)'c', 0 }, "p = \"a\", \"bc\";")]
    [InlineData(new byte[] { 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff }, "p = <0x01 0xffffffff>;")]
    [InlineData(new byte[] { 1, 2, 0x80 }, "p = [01 02 80];")]
    [InlineData(new byte[] { (byte)'x', (byte)'\n', 0 }, "p = \"x\\n\";")]
    public void Guessed_values_are_written_as_dtc_writes_them(byte[] bytes, string line)
        => Assert.Contains("\t" + line + "\n", WriteOne(new PropertyValue(bytes)));

    [Fact]
    public void Text_longer_than_the_first_buffer_is_written_whole_and_reads_back()
    {
        var root = new DtNode("");
        for (var i = 0; i < 5000; i++) root.AddProperty(new DtProperty($"prop-{i}", PropertyValue.FromCells((uint)i, 0xdeadbeef)));
        var tree = new DeviceTree(root);
        var text = DtsWriter.Write(tree);
        Assert.True(text.Length > 64 * 1024);
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes(text), DtsWriter.WriteBytes(tree));
        var back = DtsParser.ParseText(text, new DiagnosticBag(), "big.dts")!;
        Assert.Equal(5000, back.Root.Properties.Count());
        Assert.Equal(text, DtsWriter.Write(back));
    }

    [Fact]
    public void A_name_outside_latin1_is_written_as_latin1_encodes_it()
    {
        var root = new DtNode("");
        root.AddChild(new DtNode("n\u0100de"));
        var encoded = System.Text.Encoding.Latin1.GetString(System.Text.Encoding.Latin1.GetBytes("n\u0100de"));
        Assert.Equal(4, encoded.Length);
        Assert.Contains("\t" + encoded + " {", DtsWriter.Write(new DeviceTree(root)));
        Assert.Equal(System.Text.Encoding.Latin1.GetBytes(DtsWriter.Write(new DeviceTree(root))), DtsWriter.WriteBytes(new DeviceTree(root)));
    }

    [Fact]
    public void Live_items_skip_deleted_ones_and_see_items_appended_during_the_walk()
    {
        var node = new DtNode("n");
        node.AddProperty(new DtProperty("a", new PropertyValue()));
        node.AddProperty(new DtProperty("b", new PropertyValue()) { Deleted = true });
        node.AddProperty(new DtProperty("c", new PropertyValue()));
        var seen = new List<string>();
        foreach (var p in node.Properties)
        {
            seen.Add(p.Name);
            if (p.Name == "a") node.AllProperties.Add(new DtProperty("d", new PropertyValue()));
        }
        Assert.Equal(["a", "c", "d"], seen);
        Assert.Equal(["a", "c", "d"], node.Properties.Select(p => p.Name));
    }
}
