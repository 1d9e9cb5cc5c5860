using Viommu.Testing;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>
/// Bounded fuzz passes (fixed seeds) over lop files in both forms, each mutant run on a small tree: the pipeline
/// runs, or it stops with errors that name a file and a line; never an unhandled exception.
/// </summary>
public sealed class LopFileFuzzTests
{
    private static readonly string[] DtsFragments =
    {
        "compatible = \"system-device-tree-v1,lop,modify\";", "compatible = \"system-device-tree-v1,lop,select-v1\";",
        "compatible = \"system-device-tree-v1,lop,code-v1\";", "compatible = \"system-device-tree-v1,lop,output\";",
        "modify = \"", "select_1;", "select_2 = \"", "nodes = \"", "outfile = \"", ":", "::", "/", ".*", "(", "[", "\\",
        "{", "}", ";", "\"", "<", ">", "priority = <", "lop_", "&", "=", ",", "\n",
    };

    private static readonly string[] YamlFragments =
    {
        "- type: modify\n", "- type: select\n", "- type: output\n", "- type: nope\n", "modify: ", "select: [", "nodes: ",
        "outfile: ", ":", "- ", "{", "}", "[", "]", "&a ", "*a", "\"", "'", "\n", "  ", "/.*:status:", "(", "\\",
    };

    public static TheoryData<string, int> Seeds() => new()
    {
        { "select-modify-output.dts", 11 },
        { "rename-delete-conditional-print.dts", 12 },
        { "add-tree-output.dts", 13 },
        { "select-modify-output.yaml", 14 },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Mutated_lop_files_run_or_give_located_errors(string seedName, int seed)
    {
        // The YAML seed is the one fuzz/run.sh starts from; the DTS seeds are the board lops of the snapshot tests.
        var yaml = seedName.EndsWith(".yaml", StringComparison.Ordinal);
        var text = File.ReadAllText(yaml
            ? Path.Combine(RepoPaths.Root, "fuzz", "seeds", "lops-yaml", seedName)
            : Path.Combine(RepoPaths.Root, "tests", "Lops.Tests", "Runtime", "BoardLops", seedName));
        var count = int.TryParse(Environment.GetEnvironmentVariable("VIOMMU_FUZZ_COUNT"), out var n) ? n : 400;
        int ran = 0, refused = 0;
        foreach (var mutant in Mutator.Texts(text, yaml ? YamlFragments : DtsFragments, count, seed, maxEdits: 3))
        {
            var outcome = LopHarness.Run(LopHarness.Tree, mutant);
            try
            {
                if (outcome.Ok) { ran++; continue; }
                refused++;
                Assert.False(string.IsNullOrWhiteSpace(outcome.Messages));
                // The first message says where: the lop file (or the tree it loads) with a line.
                Assert.Matches(@"(lop0\.(dts|yaml)|\.dtsi?|input\.dts):\d+", outcome.Messages.Split('\n')[0]);
            }
            finally
            {
                Directory.Delete(outcome.Folder, true);
            }
        }
        Assert.True(ran > 0 && refused > 0, $"{ran} ran, {refused} refused");
    }
}
