using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A parsed property keeps its position as packed numbers and makes the position object when asked: what it gives
/// must be the span the parser saw, packed or not (numbers too large to pack are kept as an object from the start).
/// </summary>
public class PackedPositionTests
{
    [Theory]
    [InlineData(1, 1, 1, 2)]
    [InlineData(0, 0, 0, 0)]
    [InlineData((1 << 28) - 1, 4095, (1 << 28) - 1 + 255, 65535)]
    [InlineData(7, 3, 9, 1)]
    public void Numbers_that_fit_come_back_as_they_went_in(int firstLine, int firstColumn, int lastLine, int lastColumn)
    {
        Assert.True(PackedPosition.TryPack(firstLine, firstColumn, lastLine, lastColumn, out var packed));
        var p = PackedPosition.Unpack("f.dts", packed);
        Assert.Equal(("f.dts", firstLine, firstColumn, lastLine, lastColumn), (p.File, p.FirstLine, p.FirstColumn, p.LastLine, p.LastColumn));
    }

    [Theory]
    [InlineData(1 << 28, 1, 1 << 28, 2)]
    [InlineData(1, 4096, 1, 5000)]
    [InlineData(1, 1, 257, 1)]
    [InlineData(1, 1, 1, 65536)]
    [InlineData(-1, 1, 0, 1)]
    [InlineData(5, 1, 4, 1)]
    [InlineData(int.MinValue, 1, int.MaxValue, 1)]
    public void Numbers_that_do_not_fit_are_refused(int firstLine, int firstColumn, int lastLine, int lastColumn)
        => Assert.False(PackedPosition.TryPack(firstLine, firstColumn, lastLine, lastColumn, out _));

    [Fact]
    public void A_parsed_property_gives_its_span_whether_packed_or_not()
    {
        var source = new StringBuilder("/dts-v1/;\n/ {\n\ta = <1>;\n\tb = <1");
        for (var i = 0; i < 300; i++) source.Append('\n'); // a span over 300 lines
        source.Append(">;\n\t").Append(new string(' ', 5000)).Append("c = \"x\";\n"); // starts past column 4,095
        source.Append("# 0 \"other.dts\"\n\td = <2>; };\n");
        var tree = DtsParser.ParseText(source.ToString(), new DiagnosticBag(), "p.dts")!;
        string At(string name) => tree.Root.GetProperty(name)!.Position!.ToString();
        Assert.Equal("p.dts:3.2-10", At("a"));
        Assert.Equal("p.dts:4.2-304.3", At("b"));
        Assert.Equal("p.dts:305.5002-5010", At("c"));
        Assert.Equal("other.dts:0.2-10", At("d"));
        var a = tree.Root.GetProperty("a")!;
        Assert.Same(a.Position, a.Position);
        a.Position = null;
        Assert.Null(a.Position);
    }
}
