using System.Diagnostics;
using Xunit;

namespace Viommu.Cli.Tests;

/// <summary>Shell completion: the [suggest] directive knows every command, the options of the commands that parse
/// their own arguments (dtc, cpp, lopper, overlay) and the values those options take; the bash script drives it.</summary>
public class CompletionTests
{
    private static string[] Suggest(string line)
    {
        var r = Cli.Run(Path.GetTempPath(), $"[suggest:{line.Length}]", line);
        Assert.Equal(0, r.ExitCode);
        return r.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Theory]
    [InlineData("viommu ", "dtc", "cpp", "lopper", "overlay", "xen", "smmu", "run", "completion")]
    [InlineData("viommu xen ", "partial", "validate", "system")]
    [InlineData("viommu dtc -I ", "dts", "dtb", "fs")]
    [InlineData("viommu dtc --phandle ", "legacy", "epapr", "both")]
    [InlineData("viommu dtc -W no-unit_", "no-unit_address_vs_reg", "no-unit_address_format")]
    [InlineData("viommu dtc --out-f", "--out-format")]
    [InlineData("viommu cpp -x ", "assembler-with-cpp", "c", "none")]
    [InlineData("viommu cpp -i", "-idirafter", "-include", "-iquote", "-isystem")]
    [InlineData("viommu lopper --", "--input", "--assist", "--outdir", "--werror", "--permissive", "--plugin")]
    [InlineData("viommu overlay -", "-i", "-o", "-v")]
    public void Suggests(string line, params string[] expected)
    {
        var got = Suggest(line);
        foreach (var e in expected) Assert.Contains(e, got);
    }

    [Fact]
    public void Only_values_that_match_the_word_are_offered()
    {
        Assert.Equal(new[] { "dtb", "dts" }, Suggest("viommu dtc -O dt"));
    }

    [Theory]
    [InlineData("bash")]
    [InlineData("zsh")]
    [InlineData("fish")]
    public void Prints_a_script_that_asks_viommu(string shell)
    {
        var r = Cli.Run(Path.GetTempPath(), "completion", shell);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("[suggest:", r.StdoutText);
        Assert.Contains("viommu", r.StdoutText);
    }

    [Fact]
    public void Unknown_shell_is_refused()
    {
        var r = Cli.Run(Path.GetTempPath(), "completion", "tcsh");
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains("tcsh", r.Stderr);
    }

    [Fact]
    public void Bash_script_completes_through_a_path_to_viommu()
    {
        using var dir = new TempDir();
        // A wrapper named by path, as after 'dotnet publish -o DIR': the script must still ask with the word 'viommu'.
        var wrapper = Path.Combine(dir.Path, "viommu");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "viommu.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = Cli.Run(dir.Path, "completion", "bash").StdoutText;
        File.WriteAllText(Path.Combine(dir.Path, "complete.bash"), script);
        var driver = """
            source ./complete.bash
            COMP_LINE="./viommu dtc -O d"; COMP_POINT=${#COMP_LINE}
            COMP_WORDS=(./viommu dtc -O d); COMP_CWORD=3
            _viommu_complete
            echo "${COMPREPLY[*]}"
            """;
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = dir.Path, RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(driver);
        p.StandardInput.Close();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal("dtb dts", output.Trim());
    }
}
