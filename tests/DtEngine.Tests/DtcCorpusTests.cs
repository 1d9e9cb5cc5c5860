using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Dtb;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// dtc's own test sources: every recorded dtc 1.8.1 output is reproduced byte for byte, and every
/// source dtc rejects is rejected with the same exit code.
/// </summary>
public class DtcCorpusTests
{
    public sealed record Row(string File, string Kind, string Flags, string Note)
    {
        public override string ToString() => File;
    }

    public static IEnumerable<Row> Manifest()
    {
        var lines = File.ReadAllLines(Path.Combine(TestPaths.DtcTests, "MANIFEST.tsv")).Skip(1);
        foreach (var line in lines)
        {
            var cols = line.Split('\t');
            yield return new Row(cols[0], cols[1], cols[2], cols.Length > 3 ? cols[3] : "");
        }
    }

    public static TheoryData<Row> ValidRows() => new(Manifest().Where(r => r.Kind == "valid"));

    public static TheoryData<Row> ErrorRows() => new(Manifest().Where(r => r.Kind == "error"));

    public static TheoryData<Row> BlobRows() => new(Manifest().Where(r => r.Kind == "dtb"));

    /// <summary>The first flag set of the manifest, as dtc arguments (paths made absolute).</summary>
    internal static DtcSettings Settings(Row row, string outputFormat)
    {
        var first = row.Flags.Split('|')[0].Trim();
        if (first == "(none)") first = "";
        var tokens = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var includes = new List<string>();
        var compile = new CompileOptions();
        var blob = new DtbWriteOptions();
        for (var i = 0; i < tokens.Count; i++)
        {
            switch (tokens[i])
            {
                case "-i": includes.Add(Path.Combine(TestPaths.DtcTests, tokens[++i])); break;
                case "-b": compile = compile with { BootCpuId = uint.Parse(tokens[++i]) }; break;
                case "-@": compile = compile with { GenerateSymbols = true }; break;
                case "-A": compile = compile with { AutoAliases = true }; break;
                case "-H": compile = compile with { PhandleFormat = Enum.Parse<PhandleFormat>(tokens[++i], true) }; break;
                case "-O": i++; break;
                case "-I": i++; break;
                case "-d": i++; break;
                default: throw new InvalidOperationException($"flag {tokens[i]} not handled in {row.File}");
            }
        }
        return new DtcSettings
        {
            Input = Path.Combine(TestPaths.DtcTests, row.File),
            InputFormat = row.Kind == "dtb" ? "dtb" : "dts",
            OutputFormat = outputFormat,
            IncludePaths = includes,
            Compile = compile,
            Blob = blob,
        };
    }

    private static string Expected(Row row, string ext) =>
        Path.Combine(TestPaths.DtcTests, "expected", "dtc-1.8.1", row.File.Replace("/", "__") + "." + ext);

    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Dtb_output_matches_dtc(Row row)
    {
        var result = DtcDriver.Run(Settings(row, "dtb"));
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(File.ReadAllBytes(Expected(row, "dtb")), result.Output);
    }

    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Dts_output_matches_dtc(Row row)
    {
        var result = DtcDriver.Run(Settings(row, "dts"));
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        Assert.Equal(File.ReadAllText(Expected(row, "dts"), System.Text.Encoding.Latin1), System.Text.Encoding.Latin1.GetString(result.Output!));
    }

    [Theory]
    [MemberData(nameof(ErrorRows))]
    public void Rejected_sources_fail_like_dtc(Row row)
    {
        var result = DtcDriver.Run(Settings(row, "dtb"));
        var expected = row.Note.Contains("1.8.1 fails(exit2)") ? 2 : 1;
        Assert.True(expected == result.ExitCode, $"exit {result.ExitCode}, expected {expected}\n" + string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.Severity == Diagnostics.Severity.Error);
    }

    [Theory]
    [MemberData(nameof(BlobRows))]
    public void Blobs_get_dtc_verdict(Row row)
    {
        var result = DtcDriver.Run(Settings(row, "dtb"));
        var marker = "1.8.1 exit";
        var at = row.Note.IndexOf(marker, StringComparison.Ordinal);
        var expected = row.Note[at + marker.Length] - '0';
        Assert.True(expected == result.ExitCode, $"exit {result.ExitCode}, expected {expected}\n" + string.Join("\n", result.Diagnostics));
        if (expected == 1)
            Assert.Contains(result.Diagnostics, d => d.Location is not null && d.Location.Contains("byte offset"));
        if (expected == 0)
        {
            // a blob we wrote reads back and writes to the same bytes
            var again = DtbReader.Read(result.Output!, new Diagnostics.DiagnosticBag());
            Assert.NotNull(again);
            Assert.Equal(result.Output, DtbWriter.Write(again!));
        }
    }
}
