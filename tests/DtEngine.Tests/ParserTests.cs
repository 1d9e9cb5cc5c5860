using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>Lexer, parser and expression rules on small sources.</summary>
public class ParserTests
{
    private static DeviceTree Parse(string body, out DiagnosticBag diagnostics)
    {
        diagnostics = new DiagnosticBag();
        var tree = DtsParser.ParseText("/dts-v1/;\n" + body, diagnostics, "t.dts");
        return tree!;
    }

    private static byte[] Value(string expression)
    {
        var tree = Parse($"/ {{ p = {expression}; }};", out var d);
        Assert.False(d.HasErrors, string.Join("\n", d.Items));
        return tree.Root.GetProperty("p")!.Value.Bytes.ToArray();
    }

    [Theory]
    [InlineData("<(1 + 2 * 3)>", 7u)]
    [InlineData("<((1 << 4) | 3)>", 0x13u)]
    [InlineData("<(10 / 3)>", 3u)]
    [InlineData("<(10 % 3)>", 1u)]
    [InlineData("<(-1)>", 0xffffffffu)]
    [InlineData("<(~0 >> 28)>", 0xffffffffu)]
    [InlineData("<(1 ? 5 : 6)>", 5u)]
    [InlineData("<(0 || 0 && 1)>", 0u)]
    [InlineData("<(3 == 3) >", 1u)]
    [InlineData("<(2 >= 3)>", 0u)]
    [InlineData("<(!0)>", 1u)]
    [InlineData("<('a')>", 0x61u)]
    [InlineData("<'\\n'>", 10u)]
    [InlineData("<017>", 15u)]
    [InlineData("<0x10UL>", 16u)]
    [InlineData("<(1 << 64)>", 0u)]
    public void Integer_expressions_follow_dtc(string expression, uint expected)
    {
        var bytes = Value(expression);
        Assert.Equal(expected, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes));
    }

    [Fact]
    public void Sized_cells_strings_and_bytes_concatenate()
    {
        Assert.Equal(new byte[] { 0x12, 0x00, 0x34, (byte)'a', 0, 0xab, 0xcd }, Value("/bits/ 8 <0x12>, /bits/ 16 <0x34>, \"a\", [ab cd]"));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, Value("/bits/ 64 <1>"));
    }

    [Fact]
    public void Division_by_zero_is_an_error_with_a_position()
    {
        Parse("/ { p = <(1 / 0)>; };", out var d);
        Assert.Contains(d.Items, x => x.Display.Contains("t.dts:2.11-16 Division by zero"));
    }

    [Fact]
    public void Truncated_cells_warn()
    {
        Parse("/ { p = /bits/ 8 <0x1ff>; };", out var d);
        Assert.Contains(d.Items, x => x.Severity == Severity.Warning && x.Message.Contains("truncated to 0xff"));
    }

    [Fact]
    public void Labels_merge_and_deletes_follow_dtc_order()
    {
        var tree = Parse("""
            / { a: node { x = <1>; y = <2>; }; other { }; };
            &a { /delete-property/ x; z = <3>; };
            / { /delete-node/ other; };
            / { node { x = <4>; }; };
            """, out var d);
        Assert.False(d.HasErrors);
        var node = tree.FindByLabel("a")!;
        // a deleted property comes back in its old place when it is defined again
        Assert.Equal(new[] { "x", "y", "z" }, node.Properties.Select(p => p.Name));
        Assert.Null(tree.FindByPath("/other"));
    }

    [Fact]
    public void Plugin_references_become_fragments()
    {
        var diagnostics = new DiagnosticBag();
        var tree = DtsParser.ParseText("/dts-v1/;\n/plugin/;\n&target { p = <1>; };\n&{/soc} { q; };\n", diagnostics, "o.dts")!;
        Assert.True(tree.IsPlugin);
        Assert.Equal(new[] { "fragment@0", "fragment@1" }, tree.Root.Children.Select(c => c.Name));
        Assert.NotNull(tree.FindByPath("/fragment@1/__overlay__"));
        Assert.Equal("/soc", tree.FindByPath("/fragment@1")!.GetProperty("target-path")!.Value.AsCString());
    }

    [Fact]
    public void Unknown_identifiers_are_lexical_errors()
    {
        Parse("/ { p = <FOO>; };", out var d);
        Assert.Contains(d.Items, x => x.Display.StartsWith("Lexical error: t.dts:2.10-13 Unexpected 'FOO'", StringComparison.Ordinal));
    }

    [Fact]
    public void Line_markers_move_reported_positions()
    {
        Parse("# 40 \"board.dts\"\n/ { p = <(1 % 0)>; };", out var d);
        Assert.Contains(d.Items, x => x.Display.Contains("board.dts:40."));
    }

    [Fact]
    public void Missing_include_is_fatal_and_named()
    {
        Parse("/include/ \"nowhere.dtsi\"\n/ { };", out var d);
        Assert.Contains(d.Items, x => x.Message.Contains("Couldn't open \"nowhere.dtsi\""));
    }

    [Fact]
    public void A_nul_byte_in_an_included_file_ends_the_whole_parse_as_dtc_does()
    {
        // dtc's lexer returns a stray NUL as token 0, which bison takes for the end of the input: what follows the
        // /include/ in the including file is not read (dtc 1.8.1 prints the tree with "inc" only)
        using var dir = new Viommu.Testing.TempDir();
        File.WriteAllBytes(dir.File("n.dtsi"), "/ { inc; };\0 garbage\n"u8.ToArray());
        var top = dir.File("n.dts", "/dts-v1/;\n/include/ \"n.dtsi\"\n/ { after; };\n");
        var diagnostics = new DiagnosticBag();
        var tree = DtsParser.Parse(top, new SourceResolver(), diagnostics);
        Assert.Empty(diagnostics.Items);
        Assert.Equal(["inc"], tree!.Root.Properties.Select(p => p.Name));
    }
}
