using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// The preprocessor against GNU cpp's own output on sources written for these tests (the expected files are
/// cpp's and dtc's output, made by regen-expected.sh): byte-identical text, and an identical blob when the
/// result is compiled.
/// </summary>
public class PreprocessorOutputTests
{
    private static readonly string Here = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor");

    /// <summary>Reads names relative to <paramref name="folder"/>, as if cpp ran there.</summary>
    internal static PpOptions Options(string folder, params string[] includes) => PpOptions.ForDeviceTree(includes, Array.Empty<(string, string)>()) with
    {
        ReadFile = p =>
        {
            var full = Path.Combine(folder, p);
            return File.Exists(full) ? File.ReadAllBytes(full) : null;
        },
    };

    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(Here, "Snippets"), "*.dts").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Snippet_text_is_cpps_byte_for_byte(string name)
    {
        var result = CPreprocessor.Run("Snippets/" + name, Options(Here, "Sources/include"));
        Assert.False(result.Failed, string.Join("\n", result.Messages));
        var expected = File.ReadAllText(Path.Combine(Here, "Snippets", Path.ChangeExtension(name, ".i")), System.Text.Encoding.Latin1);
        Assert.Equal(expected, result.Text);
    }

    [Fact]
    public void Board_text_is_cpps_byte_for_byte()
    {
        var sources = Path.Combine(Here, "Sources");
        var result = CPreprocessor.Run("board.dts", Options(sources, "include"));
        Assert.False(result.Failed, string.Join("\n", result.Messages));
        Assert.Equal(File.ReadAllText(Path.Combine(sources, "board.i"), System.Text.Encoding.Latin1), result.Text);
        Assert.Equal(new[]
        {
            "board.dts", "board-common.dtsi", "include/dt-bindings/irq/gic.h", "include/dt-bindings/irq/types.h",
            "include/dt-bindings/soc/pinmux.h", "include/dt-bindings/extra/level.h",
        }, result.Dependencies);
    }

    [Fact]
    public void Board_compiled_with_cpp_is_the_blob_of_cpp_then_dtc()
    {
        var sources = Path.Combine(Here, "Sources");
        var result = DtcDriver.Run(new DtcSettings
        {
            Input = Path.Combine(sources, "board.dts"),
            OutputFormat = "dtb",
            IncludePaths = new[] { sources },
            Preprocess = PpOptions.ForDeviceTree(new[] { Path.Combine(sources, "include") }, Array.Empty<(string, string)>()),
            Compile = new CompileOptions { BootCpuId = 0 },
        });
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(File.ReadAllBytes(Path.Combine(sources, "board.dtb")), result.Output);
        // dtc's /include/ comes after the preprocessor's headers in the dependency list.
        Assert.EndsWith("board-extra.dtsi", result.Dependencies[^1]);
        Assert.Contains(result.Dependencies, d => d.EndsWith("include/dt-bindings/soc/pinmux.h", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_warnings_point_at_the_original_file_and_line()
    {
        var text = "/dts-v1/;\n#include \"node.dtsi\"\n";
        var node = "\n\n/ { soc { ranges; }; };\n";
        var dir = Path.Combine(Path.GetTempPath(), "viommu-pp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "main.dts"), text);
            File.WriteAllText(Path.Combine(dir, "node.dtsi"), node);
            var result = DtcDriver.Run(new DtcSettings
            {
                Input = Path.Combine(dir, "main.dts"),
                OutputFormat = "dtb",
                Preprocess = PpOptions.ForDeviceTree(Array.Empty<string>(), Array.Empty<(string, string)>()),
            });
            var warning = result.Diagnostics.First(d => d.Display.Contains("avoid_default_addr_size", StringComparison.Ordinal));
            Assert.StartsWith(Path.Combine(dir, "node.dtsi") + ":3.", warning.Display);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
    [Fact]
    public void Timestamp_is_the_files_modification_time_as_asctime_writes_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), "viommu-timestamp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var main = Path.Combine(dir, "t.dts");
            File.WriteAllText(main, "t = __TIMESTAMP__;\n");
            // local time, as cpp's localtime: a day below 10 is padded with a blank
            File.SetLastWriteTime(main, new DateTime(1973, 9, 6, 1, 3, 52, DateTimeKind.Local));
            var result = CPreprocessor.Run(main, new PpOptions { LineMarkers = false });
            Assert.Equal("t = \"Thu Sep  6 01:03:52 1973\";\n", result.Text);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
