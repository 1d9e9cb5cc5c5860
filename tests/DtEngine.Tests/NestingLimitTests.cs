using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// Input nested deeper than the stack holds (parentheses, unary operators, nodes, #if expressions) gets a located
/// error, never a stack overflow; ordinary depths parse as before.
/// </summary>
public class NestingLimitTests
{
    private static (bool Parsed, DiagnosticBag Bag) Parse(string text)
    {
        var bag = new DiagnosticBag();
        // on a thread with a small stack, so that the limit is reached quickly and whatever the runner's stack is
        DeviceTree? tree = null;
        var thread = new Thread(() => tree = DtsParser.ParseText(text, bag, "deep.dts"), 1024 * 1024);
        thread.Start();
        thread.Join();
        return (tree is not null, bag);
    }

    [Theory]
    [InlineData("(", ")")]
    [InlineData("-", "")]
    [InlineData("!", "")]
    public void Expressions_nested_past_the_stack_are_refused_where_they_go_too_deep(string open, string close)
    {
        const int depth = 100_000;
        // a cell is a literal or a parenthesised expression, so the whole nest sits in one pair of parentheses
        var (parsed, bag) = Parse("/dts-v1/;\n/ { x = <(" + string.Concat(Enumerable.Repeat(open, depth)) + "1"
                                  + string.Concat(Enumerable.Repeat(close, depth)) + ")>; };\n");
        Assert.False(parsed);
        var error = bag.Items.First(d => d.Severity == Severity.Error);
        Assert.Matches(@"^deep\.dts:2\.\d+-\d+$", error.Location);
        Assert.Equal("memory exhausted", error.Message);
    }

    [Fact]
    public void Nodes_nested_past_the_stack_are_refused()
    {
        const int depth = 100_000;
        var (parsed, bag) = Parse("/dts-v1/;\n/ {" + string.Concat(Enumerable.Repeat(" a {", depth)) + string.Concat(Enumerable.Repeat(" };", depth)) + " };\n");
        Assert.False(parsed);
        Assert.Contains(bag.Items, d => d.Severity == Severity.Error && d.Message == "memory exhausted");
    }

    [Fact]
    public void Ordinary_nesting_still_parses()
    {
        var (parsed, _) = Parse("/dts-v1/;\n/ { a { b { x = <((((1 + 2) * 3) - -4) << !0)>; }; }; };\n");
        Assert.True(parsed);
    }

    [Fact]
    public void A_preprocessor_expression_nested_past_the_stack_is_an_error()
    {
        var source = Encoding.ASCII.GetBytes("#if " + new string('(', 100_000) + "1" + new string(')', 100_000) + "\n#endif\n");
        PpResult? result = null;
        var thread = new Thread(() => result = CPreprocessor.Run("deep.dts", new PpOptions { ReadFile = p => p == "deep.dts" ? source : null }), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(result!.Failed);
        Assert.Contains(result.Messages, m => m.IsError && m.Display.StartsWith("deep.dts:1:", StringComparison.Ordinal)
                                                         && m.Display.EndsWith("#if expression nested too deeply", StringComparison.Ordinal));
    }
}
