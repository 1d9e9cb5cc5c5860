using System.Text;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// The source excerpt under each message: every expected text is GNU cpp 12's whole stderr for
/// <c>cpp -nostdinc -undef -x assembler-with-cpp t.dts</c> (Debian 12.2.0) on the source, bytes compared.
/// </summary>
public class SourceExcerptTests
{
    private static string Printed(PpResult result) => string.Concat(result.Messages.Select(m => m.Printed + "\n"));

    private static PpResult Run(string name, Dictionary<string, string> files) =>
        CPreprocessor.Run(name, new PpOptions { ReadFile = p => files.TryGetValue(p, out var text) ? Encoding.UTF8.GetBytes(text) : null });

    [Theory]
    // tabs are spaces to the next multiple of 8, in the column too
    [InlineData("\t#warning tab\n \t #error mixed\n",
        "t.dts:1:10: warning: #warning tab [-Wcpp]\n    1 |         #warning tab\n      |          ^~~~~~~\nt.dts:2:11: error: #error mixed\n    2 |          #error mixed\n      |           ^~~~~\n")]
    // trailing blanks and a carriage return are not shown
    [InlineData("#error trailing   \n#error cr\r\n",
        "t.dts:1:2: error: #error trailing\n    1 | #error trailing\n      |  ^~~~~\nt.dts:2:2: error: #error cr\n    2 | #error cr\n      |  ^~~~~\n")]
    // a place past the line's end
    [InlineData("#if 1 +\n#endif\n#if\n#endif\n",
        "t.dts:1:8: error: operator '+' has no right operand\n    1 | #if 1 +\n      |        ^\nt.dts:3:4: error: #if with no expression\n    3 | #if\n      |    ^\n")]
    // a directive's line alone: an empty caret line
    [InlineData("#define A 1\n#define A 2\n#if 1\n",
        "t.dts:2: warning: \"A\" redefined\n    2 | #define A 2\n      | \nt.dts:1: note: this is the location of the previous definition\n    1 | #define A 1\n      | \nt.dts:3: error: unterminated #if\n    3 | #if 1\n      | \n")]
    // a second message at the same place gets none; the same text elsewhere does
    [InlineData("#include <a.h\n#if 1 ==\n#endif\n#if 1 ==\n#endif\n",
        "t.dts:1:14: error: missing terminating > character\n    1 | #include <a.h\n      |              ^\nt.dts:1:14: error: no include path in which to search for a.h\nt.dts:2:9: error: operator '==' has no right operand\n    2 | #if 1 ==\n      |         ^\nt.dts:4:9: error: operator '==' has no right operand\n    4 | #if 1 ==\n      |         ^\n")]
    // a header name with its brackets
    [InlineData("#include <>\n#include <nothere.h>\n",
        "t.dts:1:10: error: empty filename in #include\n    1 | #include <>\n      |          ^~\nt.dts:2:21: error: no include path in which to search for nothere.h\n    2 | #include <nothere.h>\n      |                     ^\n")]
    // a wide character is two columns
    [InlineData("#warning \"中文\" x\n#if 'ab'\n#endif\n",
        "t.dts:1:2: warning: #warning \"中文\" x [-Wcpp]\n    1 | #warning \"中文\" x\n      |  ^~~~~~~\nt.dts:2:5: warning: multi-character character constant [-Wmultichar]\n    2 | #if 'ab'\n      |     ^~~~\n")]
    // an empty line
    [InlineData("#define F(x) x\nF(1\n\n",
        "t.dts:3:1: error: unterminated argument list invoking macro \"F\"\n    3 | \n      | ^\n")]
    // pragmas: the token named
    [InlineData("#pragma once\n#pragma GCC warning \"careful\"\n#pragma push_macro(x)\n",
        "t.dts:1:9: warning: #pragma once in main file\n    1 | #pragma once\n      |         ^~~~\nt.dts:2:21: warning: careful\n    2 | #pragma GCC warning \"careful\"\n      |                     ^~~~~~~~~\nt.dts:3:20: error: invalid #pragma push_macro directive\n    3 | #pragma push_macro(x)\n      |                    ^\nt.dts:3:21: warning: extra tokens at end of #pragma directive\n    3 | #pragma push_macro(x)\n      |                     ^\n")]
    // push_macro and pop_macro: the first wrong token, or the one before the line's end
    [InlineData("#pragma push_macro\n#pragma push_macro(\n#pragma push_macro(\"x\"\n#pragma push_macro(\"x\") junk more\n#pragma pop_macro x y\n#pragma pop_macro(\"x\"]\n",
        "t.dts:1:9: error: invalid #pragma push_macro directive\n    1 | #pragma push_macro\n      |         ^~~~~~~~~~\nt.dts:2:19: error: invalid #pragma push_macro directive\n    2 | #pragma push_macro(\n      |                   ^\nt.dts:3:20: error: invalid #pragma push_macro directive\n    3 | #pragma push_macro(\"x\"\n      |                    ^~~\nt.dts:4:25: warning: extra tokens at end of #pragma directive\n    4 | #pragma push_macro(\"x\") junk more\n      |                         ^~~~\nt.dts:5:19: error: invalid #pragma pop_macro directive\n    5 | #pragma pop_macro x y\n      |                   ^\nt.dts:5:21: warning: extra tokens at end of #pragma directive\n    5 | #pragma pop_macro x y\n      |                     ^\nt.dts:6:22: error: invalid #pragma pop_macro directive\n    6 | #pragma pop_macro(\"x\"]\n      |                      ^\n")]
    // after #line the printed line's number is read: another line, or none
    [InlineData("#line 1\n#error one\n#line 50\n#error fifty\n",
        "t.dts:1:2: error: #error one\n    1 | #line 1\n      |  ^~~~~\nt.dts:50:2: error: #error fifty\n")]
    public void Messages_show_the_source_as_cpp_does(string text, string expected)
    {
        var result = Run("t.dts", new() { ["t.dts"] = text });
        // messages are text a char per byte: compare the bytes cpp writes
        Assert.Equal(Encoding.UTF8.GetBytes(expected), Encoding.Latin1.GetBytes(Printed(result)));
    }

    [Fact]
    public void After_line_names_another_file_that_file_is_read()
    {
        // cpp reads other.h's line 2 for the column and the excerpt; gone.h it cannot read: the character column, no excerpt
        var files = new Dictionary<string, string>
        {
            ["t.dts"] = "#line 2 \"other.h\"\n\t#error x\n#line 7 \"gone.h\"\n#error y\n",
            ["other.h"] = "o1\n\t#o2 line\n",
        };
        Assert.Equal("other.h:2:10: error: #error x\n    2 |         #o2 line\n      |          ^~~~~\ngone.h:7:2: error: #error y\n",
            Printed(Run("t.dts", files)));
    }

    [Fact]
    public void Standard_input_gets_no_excerpt_and_character_columns()
    {
        var result = CPreprocessor.Run("-", new PpOptions(), "\t#warning tab\n#error e\n"u8.ToArray());
        Assert.Equal("<stdin>:1:3: warning: #warning tab [-Wcpp]\n<stdin>:2:2: error: #error e\n", Printed(result));
    }

    [Fact]
    public void The_margin_widens_past_five_digits()
    {
        var result = Run("big.dts", new() { ["big.dts"] = new string('\n', 99999) + "#warning w\n" });
        Assert.Equal("big.dts:100000:2: warning: #warning w [-Wcpp]\n100000 | #warning w\n       |  ^~~~~~~\n", Printed(result));
    }

    [Fact]
    public void Display_leaves_the_excerpt_out()
    {
        var message = Assert.Single(Run("t.dts", new() { ["t.dts"] = "#error e\n" }).Messages);
        Assert.Equal("t.dts:1:2: error: #error e", message.Display);
        Assert.Equal("    1 | #error e\n      |  ^~~~~", message.Excerpt);
    }
}
