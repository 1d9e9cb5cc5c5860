using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;

namespace Viommu.DtEngine.Tests;

/// <summary>Real board trees: DTB round trips agree with dtc byte for byte.</summary>
public class BoardTreeTests
{
    public static TheoryData<string> Boards() =>
        new(Directory.GetFiles(TestPaths.Boards, "*.dtb").Select(Path.GetFileName).Order()!);

    private static byte[] Compile(string input, string inputFormat, string outputFormat, byte[]? stdin = null)
    {
        var result = DtcDriver.Run(new DtcSettings
        {
            Input = input,
            InputFormat = inputFormat,
            OutputFormat = outputFormat,
            StandardInput = stdin,
            Compile = new CompileOptions { Quiet = 1 },
        });
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        return result.Output!;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Dtb_to_dtb_matches_dtc(string board)
    {
        var path = Path.Combine(TestPaths.Boards, board);
        var dtc = ExternalDtc.Run("-q", "-I", "dtb", "-O", "dtb", path);
        Assert.Equal(0, dtc.ExitCode);
        Assert.Equal(dtc.Stdout, Compile(path, "dtb", "dtb"));
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Dtb_to_dts_to_dtb_is_lossless(string board)
    {
        var path = Path.Combine(TestPaths.Boards, board);
        var dts = Compile(path, "dtb", "dts");
        var dtb = Compile("-", "dts", "dtb", dts);
        Assert.Equal(Compile(path, "dtb", "dtb"), dtb);
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Our_dts_compiles_with_dtc_to_the_same_blob(string board)
    {
        var path = Path.Combine(TestPaths.Boards, board);
        var dts = Path.Combine(Path.GetTempPath(), $"viommu-{Guid.NewGuid():N}.dts");
        File.WriteAllBytes(dts, Compile(path, "dtb", "dts"));
        try
        {
            var dtc = ExternalDtc.Run("-q", "-I", "dts", "-O", "dtb", dts);
            Assert.Equal(0, dtc.ExitCode);
            Assert.Equal(Compile(path, "dtb", "dtb"), dtc.Stdout);
        }
        finally
        {
            File.Delete(dts);
        }
    }

    [Fact]
    public void Reading_a_board_twice_gives_identical_dts()
    {
        var path = Path.Combine(TestPaths.Boards, "k3-j721e-evm.dtb");
        Assert.Equal(Compile(path, "dtb", "dts"), Compile(path, "dtb", "dts"));
    }
}
