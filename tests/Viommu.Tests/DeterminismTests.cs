namespace Viommu.Cli.Tests;

/// <summary>
/// Same inputs, same bytes: every shipped example run twice through the command, from different working
/// folders and under different locales, gives identical files.
/// </summary>
public class DeterminismTests
{
    private static readonly Dictionary<string, string> English = new() { ["LANG"] = "C.UTF-8", ["LC_ALL"] = "C.UTF-8" };
    private static readonly Dictionary<string, string> Turkish = new() { ["LANG"] = "tr_TR.UTF-8", ["LC_ALL"] = "tr_TR.UTF-8", ["TZ"] = "Asia/Tokyo" };

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(Path.Combine(Repo.Root, "examples", "xen")).Order(StringComparer.Ordinal))
            if (File.Exists(Path.Combine(dir, "partial.dts"))) data.Add("xen-partial:" + Path.GetFileName(dir));
        data.Add("xen-system:system");
        data.Add("dtc-cpp:board");
        return data;
    }

    private static void RunInto(string command, string output, string cwd, Dictionary<string, string> env)
    {
        var (kind, name) = (command.Split(':')[0], command.Split(':')[1]);
        Directory.CreateDirectory(output);
        string[] args = kind switch
        {
            "xen-partial" => new[]
            {
                "xen", "partial", "--host", Directory.GetFiles(Path.Combine(Repo.Root, "examples", "xen", name), "host.dt*").Order(StringComparer.Ordinal).First(), Path.Combine(Repo.Root, "examples", "xen", name, "partial.dts"),
                "-o", Path.Combine(output, "out.dts"), "--xl-cfg", Path.Combine(output, "xl.cfg"), "--map", Path.Combine(output, "map.json"),
            },
            "xen-system" => new[] { "xen", "system", Path.Combine(Repo.Root, "examples", "xen", "system", "system.yaml"), "-o", output },
            _ => new[]
            {
                "dtc", "--cpp", "--cpp-include", Path.Combine(Repo.Root, "tests", "DtEngine.Tests", "Preprocessor", "Sources", "include"),
                "-O", "dtb", "-o", Path.Combine(output, "board.dtb"), Path.Combine(Repo.Root, "tests", "DtEngine.Tests", "Preprocessor", "Sources", "board.dts"),
            },
        };
        var r = Cli.Run(cwd, null, env, args);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Outputs_are_identical_across_folders_and_locales(string command)
    {
        using var a = new TempDir();
        using var b = new TempDir();
        RunInto(command, a.File("out"), a.Path, English);
        RunInto(command, b.File("out"), Path.GetTempPath(), Turkish);
        var files = Directory.GetFiles(a.File("out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(a.File("out"), f)).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, Directory.GetFiles(b.File("out"), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(b.File("out"), f)).Order(StringComparer.Ordinal));
        foreach (var f in files)
            Assert.True(File.ReadAllBytes(Path.Combine(a.File("out"), f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b.File("out"), f))), f + " differs");
    }
}
