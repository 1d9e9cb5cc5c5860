namespace Viommu.Cli.Tests;

/// <summary>viommu smmu: the shipped scenario files through the command, and located errors.</summary>
public class SmmuCommandTests
{
    private static string Examples => Path.Combine(Repo.Root, "examples", "smmu");

    [Fact]
    public void Every_shipped_scenario_prints_its_expected_output()
    {
        var files = Directory.GetFiles(Examples, "*.yaml").Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 6);
        foreach (var f in files)
        {
            var r = Cli.Run(Examples, "smmu", f);
            Assert.Equal(0, r.ExitCode);
            Assert.Equal("", r.Stderr);
            Assert.Equal(File.ReadAllText(Path.ChangeExtension(f, ".expected")), r.StdoutText);
        }
    }

    [Fact]
    public void A_bad_scenario_gets_a_located_error_and_exit_1()
    {
        using var dir = new TempDir();
        var f = dir.File("bad.yaml", "smmu: {strtab_base: 0, strtab_base_cfg: 0}\ntransactions:\n  - {sid: 1, addr: 0x10, access: jump}\n");
        var r = Cli.Run(dir.Path, "smmu", f);
        Assert.Equal(1, r.ExitCode);
        Assert.Equal($"{f}:3:34: error: access must be read, write or exec, not 'jump'\n", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_a_crash()
    {
        using var dir = new TempDir();
        var r = Cli.Run(dir.Path, "smmu", "nope.yaml");
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("nope.yaml: error: cannot read scenario:", r.Stderr);
    }
}
