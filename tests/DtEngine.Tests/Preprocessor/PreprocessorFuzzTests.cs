using System.Text;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// A bounded fuzz pass (fixed seed): mutated sources give either text or located messages, never an
/// unhandled exception or a hang; the same holds when the result goes on through dtc.
/// </summary>
public class PreprocessorFuzzTests
{
    private static readonly string[] Fragments =
    {
        "#if", "#ifdef X", "#ifndef X", "#elif 1", "#else", "#endif", "#define", "#define X(", "#define F(a,...) a ## __VA_ARGS__",
        "#include", "#include <", "#include \"", "#undef", "#line 0", "#line 99999999999", "#error", "#pragma once", "#pragma push_macro(",
        "__VA_OPT__(", "##", "#", "(", ")", ",", "'", "\"", "/*", "*/", "//", "\\\n", "defined", "defined(", "1/0", "0x", "'\\",
        "F(", "F(1,2,3)", "__LINE__", "__FILE__", "__COUNTER__", "__has_include(", "\n", "\r\n", "\0", "\xff",
    };

    private static string Read(string relative) =>
        File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor", relative), Encoding.Latin1);

    [Theory]
    [InlineData("Sources/board.dts", 1)]
    [InlineData("Snippets/stringize.dts", 2)]
    [InlineData("Snippets/conditions.dts", 3)]
    [InlineData("Snippets/spacing.dts", 4)]
    public void Mutated_sources_give_text_or_located_messages(string seedFile, int seed)
    {
        var sources = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor", "Sources");
        var headers = Directory.GetFiles(Path.Combine(sources, "include"), "*.h", SearchOption.AllDirectories);
        var n = 0;
        foreach (var text in Viommu.Testing.Mutator.Texts(Read(seedFile), Fragments, int.Parse(Environment.GetEnvironmentVariable("VIOMMU_FUZZ_COUNT") ?? "750"), seed))
        {
            n++;
            var bytes = Encoding.Latin1.GetBytes(text);
            var options = new PpOptions
            {
                IncludePaths = new[] { Path.Combine(sources, "include") },
                ReadFile = p => p == "fuzz.dts" ? bytes : File.Exists(p) ? File.ReadAllBytes(p) : null,
                MaxExpansionTokens = 200_000,
            };
            var result = CPreprocessor.Run("fuzz.dts", options);
            foreach (var m in result.Messages) Assert.Matches(@"^(fuzz\.dts|/|viommu cpp|<command-line>)|In file included", m.Display);
            if (result.Failed) continue;
            // What survives preprocessing must also come through dtc with a verdict, not an exception.
            var dtc = DtcDriver.Run(new DtcSettings { Input = "-", StandardInput = result.Bytes, OutputFormat = "dtb" });
            Assert.True(dtc.ExitCode is 0 or 1 or 2);
        }
        Assert.Equal(int.Parse(Environment.GetEnvironmentVariable("VIOMMU_FUZZ_COUNT") ?? "750"), n);
        Assert.NotEmpty(headers);
    }
}
