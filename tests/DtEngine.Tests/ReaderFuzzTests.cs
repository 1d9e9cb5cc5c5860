using System.Text;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;
using Viommu.Testing;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// Bounded fuzz passes (fixed seeds) over the blob and source readers, each result carried on through the checks
/// and both writers as dtc would: every mutant gives a tree or a located error (a byte offset for blobs,
/// file:line.column for sources), never an unhandled exception or a hang.
/// </summary>
public class ReaderFuzzTests
{
    private static int Count(int normal) => int.TryParse(Environment.GetEnvironmentVariable("VIOMMU_FUZZ_COUNT"), out var n) ? n : normal;

    private static void CompileAndWrite(DeviceTree tree, DiagnosticBag bag)
    {
        var outcome = DtCompiler.Process(tree, new CompileOptions { Force = true, Quiet = 3 }, bag);
        if (outcome == CompileOutcome.Fatal) return;
        DtbWriter.Write(tree, null, bag);
        DtsWriter.WriteBytes(tree);
    }

    [Theory]
    [InlineData("juno-r1.dtb", 1)]
    [InlineData("fvp-base-revc.dtb", 2)]
    [InlineData("hip07-d05.dtb", 3)]
    public void Mutated_blobs_give_a_tree_or_a_byte_offset(string board, int seed)
    {
        var blob = File.ReadAllBytes(Path.Combine(TestPaths.Boards, board));
        int read = 0, refused = 0;
        foreach (var mutant in Mutator.Blobs(blob, Count(1000), seed))
        {
            var bag = new DiagnosticBag();
            var tree = DtbReader.Read(mutant, bag, "fuzz.dtb");
            if (tree is null)
            {
                var error = Assert.Single(bag.Items, d => d.Severity == Severity.Error);
                Assert.Matches(@"^fuzz\.dtb: byte offset \d+ \(0x[0-9a-f]+\)$", error.Location);
                refused++;
                continue;
            }
            CompileAndWrite(tree, bag);
            read++;
        }
        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused");
    }

    private static readonly string[] DtsFragments =
    {
        "/dts-v1/;", "/plugin/;", "/memreserve/ 0 1;", "/include/ \"x.dtsi\"", "/incbin/(\"x\")", "/bits/ 8", "/bits/ 65",
        "/delete-node/ ", "/delete-property/ ", "/omit-if-no-ref/ ", "&", "&{/", "&lbl", "lbl:", "<", ">", "[", "]", "{", "}",
        ";", "=", ",", "\"", "'\\x'", "0x", "(1 / 0)", "(1 ? 2 : 3)", "<< 64", "-1", "18446744073709551616", "#line 0 \"f\"\n",
        "// c\n", "/*", "*/", "\\", "@", "#address-cells = <9>;", "phandle = <0>;", "phandle = <&lbl>;", "\0",
    };

    [Theory]
    [InlineData("test_tree1.dts", 4)]
    [InlineData("references.dts", 5)]
    [InlineData("label01.dts", 6)]
    public void Mutated_sources_give_a_tree_or_a_located_error(string source, int seed)
    {
        var folder = TestPaths.DtcTests;
        var text = File.ReadAllText(Path.Combine(folder, source), Encoding.Latin1);
        int read = 0, refused = 0;
        foreach (var mutant in Mutator.Texts(text, DtsFragments, Count(1000), seed))
        {
            var bag = new DiagnosticBag();
            var tree = DtsParser.ParseText(mutant, bag, Path.Combine(folder, "fuzz.dts"), new[] { folder });
            if (tree is null)
            {
                Assert.Contains(bag.Items, d => d.Severity == Severity.Error);
                // Every message before the final "FATAL ERROR" line names where, unless the file as a whole is at fault.
                foreach (var d in bag.Items.Where(d => d.Id != "fatal"))
                    Assert.Matches(@"\S*:\d+\.\d+|^FATAL ERROR", d.Display);
                refused++;
                continue;
            }
            CompileAndWrite(tree, bag);
            read++;
        }
        Assert.True(read > 0 && refused > 0, $"{read} read, {refused} refused");
    }

    /// <summary>Inputs the hour-long fuzzing (fuzz/run.sh) found to crash, kept as regression tests:
    /// FuzzFindings/dtb-*.dtb are read as blobs, dts-*.dts as sources, cpp-*.dts preprocessed first; each must give a
    /// tree or a located error.</summary>
    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "FuzzFindings")).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void Fuzz_findings_stay_fixed(string name)
    {
        var path = Path.Combine(TestPaths.RepoRoot, "tests", "DtEngine.Tests", "FuzzFindings", name);
        var bag = new DiagnosticBag();
        var bytes = File.ReadAllBytes(path);
        if (name.StartsWith("cpp-", StringComparison.Ordinal))
        {
            var pp = Viommu.DtEngine.Preprocessor.CPreprocessor.Run(name,
                new Viommu.DtEngine.Preprocessor.PpOptions { ReadFile = p => p == name ? bytes : null });
            if (pp.Failed) return;
            bytes = pp.Bytes;
        }
        var tree = name.StartsWith("dtb-", StringComparison.Ordinal)
            ? DtbReader.Read(bytes, bag, name)
            : DtsParser.ParseText(Encoding.Latin1.GetString(bytes), bag, name);
        if (tree is null) Assert.Contains(bag.Items, d => d.Severity == Severity.Error);
        else CompileAndWrite(tree, bag);
    }
}
