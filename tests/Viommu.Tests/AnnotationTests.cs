namespace Viommu.Cli.Tests;

/// <summary>
/// viommu dtc -T and -T -T against dtc 1.8.1 (Annotations/, make-expected.sh): source annotations name files as dtc
/// does, shortened against the first file read or the first cpp line marker's file, whichever dtc takes.
/// </summary>
public class AnnotationTests
{
    private static readonly string Here = Path.Combine(Repo.Root, "tests", "Viommu.Tests", "Annotations");

    [Theory]
    [InlineData("board/include-main.dts", 1)]
    [InlineData("board/include-main.dts", 2)]
    [InlineData("cpp-markers.i", 1)]
    [InlineData("cpp-markers.i", 2)]
    public void Annotations_are_dtcs(string source, int level)
    {
        var flags = level == 1 ? new[] { "-T" } : new[] { "-T", "-T" };
        var r = Cli.Run(Here, ["dtc", "-O", "dts", .. flags, source]);
        var actual = $"exit {r.ExitCode}\n{r.Stderr}--- output\n{r.StdoutText}";
        var name = Path.GetFileNameWithoutExtension(source);
        Assert.Equal(File.ReadAllText(Path.Combine(Here, $"{name}.{level}.expected")), actual);
    }
}
