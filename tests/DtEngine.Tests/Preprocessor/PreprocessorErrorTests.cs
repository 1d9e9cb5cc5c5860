using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>Bad input: each error names the file, line and column (and the include chain), in cpp's words.</summary>
public class PreprocessorErrorTests
{
    private static readonly string Errors = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor", "Sources", "errors");

    private static PpResult Run(string name, params string[] includes) =>
        CPreprocessor.Run(name, PreprocessorOutputTests.Options(Errors, includes));

    [Theory]
    [InlineData("bad-expression.dts", "bad-expression.dts:3:15: error: operator '+' has no right operand")]
    [InlineData("unterminated-if.dts", "unterminated-if.dts:2: error: unterminated #ifdef")]
    [InlineData("error-directive.dts", "In file included from error-directive.dts:2:\nerror-directive.dtsi:2:2: error: #error BOARD_REV must be defined")]
    [InlineData("bad-arguments.dts", "bad-arguments.dts:3:15: error: macro \"PAIR\" requires 2 arguments, but only 1 given")]
    public void Errors_are_located_as_cpp_locates_them(string file, string expected)
    {
        var result = Run(file);
        Assert.True(result.Failed);
        Assert.Equal(expected, result.Messages.First(m => m.IsError).Display);
    }

    [Fact]
    public void A_missing_header_is_fatal_and_names_the_include_chain()
    {
        var result = Run("missing-header.dts", "include");
        var m = Assert.Single(result.Messages);
        Assert.Equal(PpSeverity.Fatal, m.Severity);
        Assert.Equal("In file included from missing-header.dts:2:\nnested-missing.dtsi:3:10: fatal error: nope/missing.h: No such file or directory", m.Display);
        Assert.Equal("", result.Text.Split('\n').Last());
    }

    [Fact]
    public void A_recursive_include_stops_at_the_depth_limit_with_a_shortened_chain()
    {
        var result = Run("recursive.dts");
        var m = Assert.Single(result.Messages);
        Assert.Equal(PpSeverity.Fatal, m.Severity);
        Assert.EndsWith("recursive.dts:2:10: fatal error: #include nested depth 200 exceeds maximum of 200: \"recursive.dts\" includes itself (recursive include without a guard)", m.Display);
        Assert.Equal(199, m.IncludedFrom.Count);
        Assert.Contains("... 187 more ...", m.Display);
        Assert.True(m.Display.Split('\n').Length < 20);
    }

    [Fact]
    public void A_runaway_expansion_is_an_error_not_an_out_of_memory()
    {
        // Each level doubles: 2^40 tokens if nothing stopped it.
        var text = "#define A0 x x\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"#define A{i} A{i - 1} A{i - 1}\n")) + "A40\n";
        var result = CPreprocessor.Run("big.dts", new PpOptions
        {
            ReadFile = p => p == "big.dts" ? System.Text.Encoding.ASCII.GetBytes(text) : null,
            MaxExpansionTokens = 100_000,
        });
        Assert.True(result.Failed);
        Assert.Contains("exceeds 100000 tokens", result.Messages[0].Message);
        Assert.Equal(PpSeverity.Fatal, result.Messages[0].Severity);
    }

    [Fact]
    public void Deeply_nested_macro_arguments_are_an_error_not_a_stack_overflow()
    {
        var text = "#define F(x) x\n" + string.Concat(Enumerable.Repeat("F(", 5000)) + "1" + new string(')', 5000) + "\n";
        var result = CPreprocessor.Run("deep.dts", new PpOptions { ReadFile = p => System.Text.Encoding.ASCII.GetBytes(text) });
        Assert.True(result.Failed);
        Assert.Contains("nested too deeply", result.Messages[0].Message);
    }

    [Theory]
    [InlineData("#if\n#endif\n", "t.dts:1:4: error: #if with no expression")]
    [InlineData("#if 1/0\n#endif\n", "t.dts:1:6: error: division by zero in #if")]
    [InlineData("#if (1\n#endif\n", "t.dts:1:5: error: missing ')' in expression")]
    [InlineData("#if 1 2\n#endif\n", "t.dts:1:7: error: missing binary operator before token \"2\"")]
    [InlineData("#if 1.0\n#endif\n", "t.dts:1:5: error: floating constant in preprocessor expression")]
    [InlineData("#if 09\n#endif\n", "t.dts:1:5: error: invalid digit \"9\" in octal constant")]
    [InlineData("#if \"s\"\n#endif\n", "t.dts:1:5: error: token \"\"s\"\" is not valid in preprocessor expressions")]
    [InlineData("#endif\n", "t.dts:1:2: error: #endif without #if")]
    [InlineData("#if 1\n#else\n#else\n#endif\n", "t.dts:3:2: error: #else after #else")]
    [InlineData("#define\n", "t.dts:1:8: error: no macro name given in #define directive")]
    [InlineData("#define 3 x\n", "t.dts:1:9: error: macro names must be identifiers")]
    [InlineData("#define F(a, a) a\n", "t.dts:1:14: error: duplicate macro parameter \"a\"")]
    [InlineData("#define F(\n", "t.dts:1:11: error: expected parameter name before end of line")]
    [InlineData("#define F(a\n", "t.dts:1:12: error: expected ')' before end of line")]
    [InlineData("#define F(a...\n", "t.dts:1:15: error: expected ')' after \"...\"")]
    [InlineData("#define F(a) ## a\n", "t.dts:1:12: error: '##' cannot appear at either end of a macro expansion")]
    [InlineData("#define F(a) x\nF(1\n", "t.dts:2:4: error: unterminated argument list invoking macro \"F\"")]
    [InlineData("#include\n", "t.dts:1:9: error: #include expects \"FILENAME\" or <FILENAME>")]
    [InlineData("/* open\n", "t.dts:1:1: error: unterminated comment")]
    public void Bad_lines_get_cpps_message(string text, string expected)
    {
        var result = CPreprocessor.Run("t.dts", new PpOptions { ReadFile = p => p == "t.dts" ? System.Text.Encoding.ASCII.GetBytes(text) : null });
        Assert.True(result.Failed);
        Assert.Equal(expected, result.Messages.First(m => m.IsError).Display);
    }
}
