using System.Text;

namespace Viommu.Cli.Tests;

/// <summary>
/// A folder of <c>viommu dtc</c> cases for one output format: <c>cases.tsv</c> (name, source, options besides
/// <c>-q -O FORMAT</c>) and, per case, <c>NAME.expected</c> (exit status, messages, output) written by dtc 1.8.1
/// through <c>make-output-expected.sh FOLDER FORMAT DTC</c>.
/// </summary>
internal static class DtcOutputCases
{
    public static string Folder(string name) => Path.Combine(Repo.Root, "tests", "Viommu.Tests", name);

    public static TheoryData<string, string, string> Read(string folder)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Folder(folder), "cases.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], columns.Length > 2 ? columns[2] : "");
        }
        return data;
    }

    /// <summary>Runs one case in its folder (messages name the source as dtc's did) and compares with its file.</summary>
    public static void Check(string folder, string format, string name, string source, string options)
    {
        var args = new List<string> { "dtc", "-q", "-O", format };
        args.AddRange(options.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        args.Add(source);
        var result = Cli.Run(Folder(folder), args.ToArray());
        var text = new StringBuilder($"exit {result.ExitCode}\n").Append(result.Stderr).Append("--- output\n");
        if (result.ExitCode == 0) text.Append(result.StdoutText);
        Assert.Equal(File.ReadAllText(Path.Combine(Folder(folder), name + ".expected"), Encoding.Latin1), text.ToString());
    }

    public static void AssertEveryCaseHasItsFile(string folder)
    {
        foreach (var row in Read(folder)) Assert.True(File.Exists(Path.Combine(Folder(folder), (string)row[0] + ".expected")), (string)row[0]);
    }
}
