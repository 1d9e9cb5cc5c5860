using System.Text;
using Viommu.DtEngine.Compile;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// Where the engine takes a shortcut that dtc does not, sources in <c>DtcEdges/</c> sit on its edges. The lexer
/// matches the common tokens (blanks, numbers in cells, names, labels before names, punctuation) directly and
/// leaves the rest to its rule-by-rule matcher, and reads a cell list's plain numbers in runs without a token each:
/// what ends a run (a number out of range, with a suffix or too long, a comment, a line marker, a reference, the end
/// of input), strings with and without escapes, '&amp;' before a label or not; the longest number read in one pass
/// and one digit more, numbers running into letters or suffixes, names that are or are not labels, '#' at a line start, operators beside '=',
/// '&lt;', '&gt;', strings with escapes or a raw newline, positions after many tokens; a property whose plain value
/// the lexer takes in one step (cell lists, strings, references, lists of them) and each thing that makes it fall back
/// to the tokens (operators, comments, line markers, labels, escapes, a missing or doubled ';', the end of input,
/// <c>plain-value*.dts</c>). The checks count duplicate
/// property names instead of comparing every pair in a large node, and answer "absent" from a node's name bits:
/// duplicates in large and small nodes, deleted ones, properties added by phandle fix-ups and looked up later. Each
/// <c>.expected</c> file is dtc 1.8.1's exit status, messages and DTS output (make-expected.sh there writes them);
/// viommu dtc must give the same.
/// </summary>
public class DtcEdgeTests
{
    private static readonly string Folder = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "DtcEdges");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Folder, "*.dts").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exit_status_messages_and_output_are_dtc_1_8_1s(string name)
    {
        // run on a copy in a folder of its own, so that messages name the file as dtc's did ("NAME.dts")
        var dir = Directory.CreateTempSubdirectory("viommu-edge-");
        try
        {
            var source = Path.Combine(dir.FullName, name + ".dts");
            File.Copy(Path.Combine(Folder, name + ".dts"), source);
            var result = DtcDriver.Run(new DtcSettings { Input = source, InputFormat = "dts", OutputFormat = "dts" });
            var text = new StringBuilder($"exit {result.ExitCode}\n");
            foreach (var d in result.Diagnostics) text.Append(d.Display.Replace(dir.FullName + "/", "")).Append('\n');
            text.Append("--- output\n");
            if (result.ExitCode == 0) text.Append(Encoding.Latin1.GetString(result.Output!));
            Assert.Equal(File.ReadAllText(Path.Combine(Folder, name + ".expected"), Encoding.Latin1), text.ToString());
        }
        finally
        {
            dir.Delete(true);
        }
    }

    [Fact]
    public void Every_edge_has_its_expected_file()
    {
        Assert.True(Cases().Count >= 20);
        foreach (var f in Directory.GetFiles(Folder, "*.dts")) Assert.True(File.Exists(Path.ChangeExtension(f, ".expected")), f);
    }
}
