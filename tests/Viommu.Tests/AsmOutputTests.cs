using System.Text;

namespace Viommu.Cli.Tests;

/// <summary>
/// <c>viommu dtc -O asm</c> against dtc 1.8.1: each case of <c>AsmOutput/cases.tsv</c> (labels on reserve entries,
/// nodes, properties and inside values; values that end in a partial cell; every blob version; -R -S -p -a -b; the
/// nodes dtc generates after filling in paths; a name with an empty base; a blob as input) has its
/// <c>.expected</c> file (exit status, messages, output), written by <c>make-expected.sh</c> there.
/// </summary>
public class AsmOutputTests
{
    private static readonly string Folder = Path.Combine(Repo.Root, "tests", "Viommu.Tests", "AsmOutput");

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder, "cases.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns.Length > 2 ? columns[2] : "");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exit_status_messages_and_output_are_dtc_1_8_1s(string name, string source, string options)
    {
        var args = new List<string> { "dtc", "-q", "-O", "asm" };
        args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        args.Add(source);
        var result = Cli.Run(Folder, args.ToArray());
        var text = new StringBuilder($"exit {result.ExitCode}\n").Append(result.Stderr).Append("--- output\n");
        if (result.ExitCode == 0) text.Append(result.StdoutText);
        Assert.Equal(File.ReadAllText(Path.Combine(Folder, name + ".expected"), Encoding.Latin1), text.ToString());
    }

    [Fact]
    public void Every_case_has_its_expected_file_and_the_versions_are_all_there()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 12);
        foreach (var row in cases) Assert.True(File.Exists(Path.Combine(Folder, (string)row[0] + ".expected")), (string)row[0]);
        foreach (var v in new[] { "-V 1", "-V 2", "-V 3", "-V 16" }) Assert.Contains(cases, row => ((string)row[2]).Contains(v));
    }
}
