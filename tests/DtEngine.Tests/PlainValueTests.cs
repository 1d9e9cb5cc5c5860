using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The lexer takes a plain property value in one step (<c>TryTakePlainValue</c>) and leaves any other to the token
/// reader. Both must build the same value: each value here is read once as written (the one-step path where it is
/// plain) and once with a comment before its ';' (which the one-step path refuses, so the token reader reads it), and
/// the bytes, markers and references must be the same. DtcEdges/plain-value*.dts compare the paths' output with dtc.
/// </summary>
public class PlainValueTests
{
    [Theory]
    [InlineData("<1 2 3>")]
    [InlineData("< >")]
    [InlineData("<0xffffffff 037777777777 4294967295 0>")]
    [InlineData("\"x\"")]
    [InlineData("\"\"")]
    [InlineData("\"a\", \"b\", \"\"")]
    [InlineData("<1>, <2 3>, \"s\"")]
    [InlineData("&l")]
    [InlineData("&l, &m, \"x\", <&l 1 &m>")]
    [InlineData("<&l>, <&m &l>")]
    [InlineData("\"s\" ,\n\t<\n1\n>")]
    [InlineData("<1> , &l")]
    // not plain: read token by token on both sides
    [InlineData("<1>, [02], l2: \"x\"")]
    [InlineData("<(1 + 2) &{/l@1}>")]
    public void The_one_step_path_builds_what_the_token_reader_builds(string value)
    {
        var plain = Parse(value, "");
        var tokens = Parse(value, " /* token by token */");
        Assert.Equal(tokens.ValueBytes.ToArray(), plain.ValueBytes.ToArray());
        Assert.Equal(tokens.ValueMarkers.ToArray(), plain.ValueMarkers.ToArray());
        Assert.Equal(tokens.Value.Markers, plain.Value.Markers);
        Assert.Equal(tokens.Position!.FirstLine, plain.Position!.FirstLine);
        Assert.Equal(tokens.Position.FirstColumn, plain.Position.FirstColumn);
    }

    private static DtProperty Parse(string value, string beforeSemicolon)
    {
        var source = $"/dts-v1/;\n/ {{\n\tp = {value}{beforeSemicolon};\n\tl: l@1 {{ }};\n\tm: m@2 {{ }};\n}};\n";
        var tree = DtsParser.ParseText(source, new DiagnosticBag(), "p.dts") ?? throw new InvalidOperationException(source);
        return tree.Root.GetProperty("p")!;
    }

    [Fact]
    public void A_plain_value_ends_at_its_semicolon_and_the_next_token_is_read()
    {
        var tree = DtsParser.ParseText("/dts-v1/;\n/ {\n\ta = <1>, \"x\";b = &n;\n\tn: n { c = <2>; };\n};\n", new DiagnosticBag(), "p.dts")!;
        Assert.Equal("p.dts:3.2-15", tree.Root.GetProperty("a")!.Position!.ToString());
        Assert.Equal("p.dts:3.15-22", tree.Root.GetProperty("b")!.Position!.ToString());
        Assert.Equal([new Marker(MarkerType.TypeString, 0, "n"), new Marker(MarkerType.RefPath, 0, "n")],
            tree.Root.GetProperty("b")!.Value.Markers);
        Assert.NotNull(tree.Root.GetChild("n")!.GetProperty("c"));
    }
}
