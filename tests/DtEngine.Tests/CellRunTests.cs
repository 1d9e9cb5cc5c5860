using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The lexer reads the plain literals of a cell list in one run, without a token each. After a run the lexer must
/// stand where token-by-token reading would have left it: the same lookahead, and the run's last literal as the
/// token before it (the parser measures spans from it). DtcEdges/cell-runs.dts checks the messages and values
/// against dtc; these check the lexer's state, which no message shows today.
/// </summary>
public class CellRunTests
{
    /// <summary>A lexer over <paramref name="source"/>, moved past its first '&lt;'.</summary>
    private static DtsLexer LexerAtFirstCell(string source, out ValueBuilder cells)
    {
        var bytes = Encoding.Latin1.GetBytes(source);
        var lexer = new DtsLexer(new SourceResolver(null, _ => bytes), new DiagnosticBag(), "t.dts");
        lexer.MoveNext();
        while (!lexer.Current.IsChar('<'))
        {
            Assert.NotEqual(TokenKind.EndOfFile, lexer.Current.Kind);
            lexer.MoveNext();
        }
        cells = new ValueBuilder();
        lexer.MoveNextInCells(cells, 32);
        return lexer;
    }

    [Fact]
    public void A_run_ends_at_the_first_token_that_is_not_a_plain_literal_and_leaves_its_last_literal_behind()
    {
        var lexer = LexerAtFirstCell("/dts-v1/;\n/ { p = <1 0x2\n\t 017 (4)>; };", out var cells);
        Assert.Equal(new byte[] { 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 15 }, cells.Bytes.ToArray());
        Assert.True(lexer.Current.IsChar('('));
        Assert.Equal(new SourceSpan(0, 3, 7, 3, 8), lexer.Current.Span);
        Assert.Equal(new SourceSpan(0, 3, 3, 3, 6), lexer.PreviousSpan); // "017"
    }

    [Fact]
    public void A_literal_out_of_range_stops_the_run_and_is_read_as_a_token()
    {
        var lexer = LexerAtFirstCell("/dts-v1/;\n/ { p = <7 0x100000000 8>; };", out var cells);
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, cells.Bytes.ToArray());
        Assert.Equal(TokenKind.Literal, lexer.Current.Kind);
        Assert.Equal(0x100000000UL, lexer.Current.Value);
        Assert.Equal(new SourceSpan(0, 2, 12, 2, 23), lexer.Current.Span);
        Assert.Equal(new SourceSpan(0, 2, 10, 2, 11), lexer.PreviousSpan); // "7"
    }

    [Fact]
    public void With_no_literal_to_take_the_run_is_a_plain_move()
    {
        var lexer = LexerAtFirstCell("/dts-v1/;\n/ { p = < 2U>; };", out var cells);
        Assert.Equal(0, cells.Bytes.Length);
        Assert.Equal(TokenKind.Literal, lexer.Current.Kind);
        Assert.Equal(2UL, lexer.Current.Value);
        Assert.Equal(new SourceSpan(0, 2, 11, 2, 13), lexer.Current.Span);
        Assert.Equal(new SourceSpan(0, 2, 9, 2, 10), lexer.PreviousSpan); // "<"
    }
}
