using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// Messages GNU cpp 12 gives where a run may go on (warnings, notes) or where the order of its checks decides the
/// message: each expected text is cpp's stderr without its source excerpts, for
/// <c>cpp -nostdinc -undef -x assembler-with-cpp ARGS t.dts</c>.
/// </summary>
public class PreprocessorWarningTests
{
    private static PpResult Run(string text, string args, bool inhibitWarnings = false)
    {
        var operations = args.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => (a[1..2], a[2..]))
            .ToList();
        return CPreprocessor.Run("t.dts", new PpOptions
        {
            MacroOperations = operations,
            InhibitWarnings = inhibitWarnings,
            ReadFile = p => p == "t.dts" ? System.Text.Encoding.ASCII.GetBytes(text) : null,
        });
    }

    [Theory]
    // #if: a token no expression holds is refused when it is read; a missing ':' is found where the operand ends
    [InlineData("#if 1 \"a\"\n#endif\n", "", true, "t.dts:1:7: error: token \"\"a\"\" is not valid in preprocessor expressions")]
    [InlineData("#if (1 2\n#endif\n", "", true, "t.dts:1:8: error: missing binary operator before token \"2\"")]
    [InlineData("#if (1 : 2)\n#endif\n", "", true, "t.dts:1:8: error:  ':' without preceding '?'")]
    [InlineData("#if 1 ? 2\n#endif\n", "", true, "t.dts:1:10: error: '?' without following ':'")]
    [InlineData("#if (1 ? 2)\n#endif\n", "", true, "t.dts:1:11: error: '?' without following ':'")]
    [InlineData("#if 1 {\n#endif\n", "", true, "t.dts:1:7: error: token \"{\" is not valid in preprocessor expressions")]
    [InlineData("#if 1 ? 2 3 : 4\n#endif\n", "", true, "t.dts:1:11: error: missing binary operator before token \"3\"")]
    [InlineData("#if 'ab' == 'ab' || 'abcde'\n#endif\n", "", false, "t.dts:1:5: warning: multi-character character constant [-Wmultichar]\nt.dts:1:13: warning: multi-character character constant [-Wmultichar]\nt.dts:1:21: warning: character constant too long for its type")]
    // words after #else/#endif, a name run into its body, __VA_ARGS__ and __VA_OPT__ outside a "..." macro's body
    [InlineData("#if 1\n#else x\n#endif y\n", "", false, "t.dts:2:7: warning: extra tokens at end of #else directive [-Wendif-labels]\nt.dts:3:8: warning: extra tokens at end of #endif directive [-Wendif-labels]")]
    [InlineData("#define F)\n#define G\"x\"\n", "", false, "t.dts:1:9: warning: missing whitespace after the macro name\nt.dts:2:9: warning: missing whitespace after the macro name")]
    [InlineData("x __VA_ARGS__ __VA_OPT__\n#define F(...) __VA_ARGS__ __VA_ARGS__\n#define G(a...) __VA_ARGS__ __VA_ARGS__\n#if 0\n__VA_ARGS__\n#endif\n", "", false, "t.dts:1:3: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro\nt.dts:1:15: warning: __VA_OPT__ can only appear in the expansion of a C++20 variadic macro\nt.dts:3:17: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro\nt.dts:3:29: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro")]
    // columns are display columns (a tab to the next multiple of 8) of the line cpp's line table names: after #line,
    // another line of the file, or the character column where there is none; the end of a file is at its last line's end
    [InlineData("\t#warning x\n  \t#warning y\n#define F(a,b) a\n\tF(1)\nab\tF(1)\n#line 10\n\t__VA_ARGS__\n#define G(a) x\nG(1\n\tab\t\n", "", true, "t.dts:1:10: warning: #warning x [-Wcpp]\nt.dts:2:10: warning: #warning y [-Wcpp]\nt.dts:4:12: error: macro \"F\" requires 2 arguments, but only 1 given\nt.dts:3: note: macro \"F\" defined here\nt.dts:5:12: error: macro \"F\" requires 2 arguments, but only 1 given\nt.dts:3: note: macro \"F\" defined here\nt.dts:10:9: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro\nt.dts:13:5: error: unterminated argument list invoking macro \"G\"")]
    // after #line naming another file, cpp counts on that file's line (absent here: the character column)
    [InlineData("\t#line 1 \"other.h\"\nx __VA_ARGS__\n", "", false, "other.h:1:3: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro")]
    // # drops an odd run of backslashes at the end, naming the invocation's closing parenthesis
    [InlineData("#define S(x) #x\nA S(\\)\n", "", false, "t.dts:2:6: warning: invalid string literal, ignoring final '\\'")]
    [InlineData("#define S(x) #x\n#define T(x) S(x)\nB T(a \\ \\) T(\\)\n", "", false, "t.dts:3:15: warning: invalid string literal, ignoring final '\\'")]
    // redefinitions at the directive's line, with the previous definition's place for a user's macro
    [InlineData("#define A 1\n#define A 2\n#define A 2\n", "", false, "t.dts:2: warning: \"A\" redefined\nt.dts:1: note: this is the location of the previous definition")]
    [InlineData("#define __FILE__ x\n", "", false, "t.dts:1: warning: \"__FILE__\" redefined [-Wbuiltin-macro-redefined]")]
    [InlineData("#undef __LINE__\n#undef __DATE__\n", "", false, "t.dts:1:8: warning: undefining \"__LINE__\"\nt.dts:2: warning: undefining \"__DATE__\" [-Wbuiltin-macro-redefined]")]
    [InlineData("#define __STDC__ 1\n#define __STDC_X 1\n#define __STDC_X 1\n#define __STDC_LIMIT_MACROS 1\n#undef __STDC_LIMIT_MACROS\n#undef __STDC_X\n#define __LINE__ __LINE__\n#define __ASSEMBLER__ 1\n", "", false, "t.dts:1: warning: \"__STDC__\" redefined\n<built-in>: note: this is the location of the previous definition\nt.dts:3: warning: \"__STDC_X\" redefined\nt.dts:2: note: this is the location of the previous definition\nt.dts:6:8: warning: undefining \"__STDC_X\"\nt.dts:7: warning: \"__LINE__\" redefined")]
    [InlineData("#undef __ASSEMBLER__\n#undef __STDC_HOSTED__\n", "", false, "t.dts:2:8: warning: undefining \"__STDC_HOSTED__\"")]
    [InlineData("#undef __has_include\n#define __has_include 1\n#ifdef __has_include_next\n#endif\n", "", false, "t.dts:1:8: warning: undefining \"__has_include\"")]
    // line numbers are 32 unsigned bits: a larger one wraps (99999999999 is 1215752191) with a warning
    [InlineData("#line 99999999999\n", "", false, "t.dts:1:7: warning: line number out of range")]
    [InlineData("#line 5 \"a\" 1\n#line 6 x\n#line\n", "", true, "t.dts:1:13: warning: extra tokens at end of #line directive\na:5:9: error: \"x\" is not a valid filename\na:6:6: error: unexpected end of file after #line")]
    // no folder to search is an error cpp goes on after; a misplaced ## is placed at the name or the parameters' ')'
    [InlineData("a\n#include <nothere.h>\nc\n", "", true, "t.dts:2:21: error: no include path in which to search for nothere.h")]
    [InlineData("#define G(x) x ##\n#define H ## x\n", "", true, "t.dts:1:12: error: '##' cannot appear at either end of a macro expansion\nt.dts:2:9: error: '##' cannot appear at either end of a macro expansion")]
    [InlineData("x __has_include(\"a\")\n", "", true, "t.dts:1:3: error: \"__has_include\" used outside of preprocessing directive")]
    // on the command line cpp has no lines or columns: a place there is "<command-line>"
    [InlineData("x\n", "-DX=__VA_ARGS__ -DY)=1 -DZ(a=1", true, "<command-line>: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro\n<command-line>: warning: missing whitespace after the macro name\n<command-line>: error: expected ',' or ')', found \"1\"")]
    [InlineData("#line 3\n", "-DZ=1 -DZ=2 -U__LINE__ -D__TIME__=1 -DZ=2", false, "<command-line>: warning: \"Z\" redefined\n<command-line>: note: this is the location of the previous definition\n<command-line>: warning: undefining \"__LINE__\"\n<command-line>: warning: \"__TIME__\" redefined [-Wbuiltin-macro-redefined]")]
    public void Messages_are_cpps(string text, string args, bool fails, string expected)
    {
        var result = Run(text, args);
        Assert.Equal(fails, result.Failed);
        Assert.Equal(expected, string.Join("\n", result.Messages.Select(m => m.Display)));
    }

    /// <summary>
    /// An include chain is printed up to an inclusion an earlier message already named (a second message in the same
    /// inclusion gets none), a note about a definition in a closed file gets that file's chain, and in a system header
    /// only #warning is shown: Messages/main.err is cpp's stderr for these files (source excerpts included), main.i its text (a
    /// <c>#pragma GCC system_header</c> on a header's last line marks that line itself).
    /// </summary>
    [Fact]
    public void Include_chains_and_system_headers_are_as_cpp_prints_them()
    {
        var folder = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor", "Messages");
        var options = PreprocessorOutputTests.Options(folder) with { SystemIncludePaths = ["sys"], MacroOperations = [("D", "__DTS__")] };
        var result = CPreprocessor.Run("main.dts", options);
        Assert.False(result.Failed);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "main.err")), string.Concat(result.Messages.Select(m => m.Printed + "\n")));
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "main.i")), result.Text);
    }

    [Fact]
    public void A_utf8_character_is_one_column_and_a_wide_one_two()
    {
        // "中文" é __VA_ARGS__: cpp 12 says column 10 (quote, two wide characters, quote, blank, é, blank)
        var bytes = System.Text.Encoding.UTF8.GetBytes("\"中文\" é __VA_ARGS__\n");
        var result = CPreprocessor.Run("u.dts", new PpOptions { ReadFile = p => p == "u.dts" ? bytes : null });
        Assert.Equal("u.dts:1:10: warning: __VA_ARGS__ can only appear in the expansion of a C99 variadic macro",
            string.Join("\n", result.Messages.Select(m => m.Display)));
    }

    [Fact]
    public void Inhibited_warnings_leave_errors()
    {
        var result = Run("#warning w\n#define A 1\n#define A 2\n#undef __LINE__\n#error e\n", "", inhibitWarnings: true);
        Assert.True(result.Failed);
        Assert.Equal("t.dts:5:2: error: #error e", string.Join("\n", result.Messages.Select(m => m.Display)));
    }
}
