using Viommu.DtEngine.Compile;
using Viommu.Lops.Xen.SystemMode;

namespace Viommu.Lops.Tests.Xen;

/// <summary>
/// viommu xen system on every real board tree of the shared corpus (examples/xen/boards/BOARD.yaml): each
/// output approved in examples/xen/boards/expected/BOARD, every tree compiling, complete guest trees without a warning.
/// </summary>
public sealed class SystemBoardTests
{
    private static readonly string Boards = Path.Combine(RepoPaths.XenExamples, "boards");

    public static TheoryData<string> BoardNames()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Boards, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(BoardNames))]
    public void Board_system_outputs_match_the_approved_files_and_compile(string board)
    {
        using var temp = new TempDir();
        var result = SystemJob.Run(new SystemSettings
        {
            Spec = Path.Combine(Boards, board + ".yaml"),
            Host = Path.Combine(RepoPaths.Boards, board + ".dtb"),
            OutputDirectory = temp.Path,
        });
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Display)));
        var expected = Path.Combine(Boards, "expected", board);
        foreach (var name in result.Files.Where(f => !f.EndsWith(".dtb", StringComparison.Ordinal) && !f.EndsWith(".svg", StringComparison.Ordinal)))
            Snapshot.VerifyIn(expected, name.Replace('/', '.'), File.ReadAllText(temp.File(name)));
        foreach (var name in result.Files.Where(f => f.EndsWith(".dts", StringComparison.Ordinal)))
        {
            var dtc = DtcDriver.Run(new DtcSettings { Input = temp.File(name), OutputFormat = "dtb" });
            Assert.True(dtc.ExitCode == 0, name + ": " + string.Join("\n", dtc.Diagnostics));
            if (name.EndsWith("guest.dts", StringComparison.Ordinal)) Assert.True(dtc.Diagnostics.Count == 0, name + ": " + string.Join("\n", dtc.Diagnostics));
        }
        // The warnings name every reference that stays on the host.
        Assert.All(result.Diagnostics, d => Assert.NotEqual(DtEngine.Diagnostics.Severity.Error, d.Severity));
    }
}
