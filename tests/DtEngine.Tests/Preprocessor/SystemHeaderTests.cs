using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>
/// System headers as GNU cpp 12 treats them (the expected files in <c>SystemHeaders/</c> are its output, made by
/// regen-expected.sh): a file found in a <c>-isystem</c> folder or included from a system header is entered with
/// " 3 4" in its line markers, one after <c>#pragma GCC system_header</c> with " 3"; <c>-MM</c> leaves them out of the
/// rule; a header found once through the search path and once in its includer's folder is listed twice.
/// </summary>
public class SystemHeaderTests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "Preprocessor", "SystemHeaders");

    private static PpResult Run(bool userDependenciesOnly) => CPreprocessor.Run("board.dts", PreprocessorOutputTests.Options(Folder) with
    {
        IncludePaths = ["inc", "inc/soc"],
        SystemIncludePaths = ["sys"],
        UserDependenciesOnly = userDependenciesOnly,
    });

    private static string Expected(string name) => File.ReadAllText(Path.Combine(Folder, name), System.Text.Encoding.Latin1);

    [Fact]
    public void Line_markers_carry_cpps_system_header_flags()
    {
        var result = Run(false);
        Assert.False(result.Failed, string.Join("\n", result.Messages));
        Assert.Equal(Expected("board.i"), result.Text);
    }

    [Fact]
    public void The_rules_are_cpps_with_and_without_system_headers()
    {
        var target = new[] { DependencyFile.DefaultTarget("board.dts") };
        Assert.Equal(Expected("board.d"), DependencyFile.Rule(target, Run(false).Dependencies, phony: false));
        Assert.Equal(Expected("board-user.d"), DependencyFile.Rule(target, Run(true).Dependencies, phony: true));
    }

    [Fact]
    public void A_system_header_pragma_in_the_main_file_is_ignored_with_cpps_warning()
    {
        var result = CPreprocessor.Run("main.dts", PreprocessorOutputTests.Options(Folder) with
        {
            ReadFile = p => p == "main.dts" ? "#pragma GCC system_header\n/ { };\n"u8.ToArray() : null,
        });
        Assert.Equal("main.dts:1:13: warning: #pragma system_header ignored outside include file", Assert.Single(result.Messages).Display);
        Assert.DoesNotContain(" 3", result.Text);
    }

    [Theory]
    [InlineData(true, false, "src")]      // -isystem: the resolved path, shorter than the one through the link
    [InlineData(false, false, "prefixes")] // -I: the name as found
    [InlineData(true, true, "prefixes")]   // -isystem with -fno-canonical-system-headers
    public void A_header_found_in_a_system_folder_is_named_by_its_shorter_resolved_path(bool system, bool keepNames, string named)
    {
        // the kernel's layout: include-prefixes/arm is a link to ../src/arm
        using var t = new Viommu.Testing.TempDir();
        Directory.CreateDirectory(Path.Combine(t.Path, "src", "arm"));
        File.WriteAllText(Path.Combine(t.Path, "src", "arm", "soc.dtsi"), "#define SOC 1\n");
        Directory.CreateDirectory(Path.Combine(t.Path, "prefixes"));
        Directory.CreateSymbolicLink(Path.Combine(t.Path, "prefixes", "arm"), "../src/arm");
        var main = t.File("board.dts", "#include <arm/soc.dtsi>\nSOC\n");
        var prefixes = Path.Combine(t.Path, "prefixes");
        var result = CPreprocessor.Run(main, new PpOptions
        {
            IncludePaths = system ? [] : [prefixes],
            SystemIncludePaths = system ? [prefixes] : [],
            CanonicalSystemHeaders = !keepNames,
        });
        Assert.False(result.Failed, string.Join("\n", result.Messages));
        var header = Path.Combine(t.Path, named, "arm", "soc.dtsi");
        Assert.Contains($"# 1 \"{header}\" 1{(system ? " 3 4" : "")}\n", result.Text);
        Assert.Equal([main, header], result.Dependencies);
    }
}
