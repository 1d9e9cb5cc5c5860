using System.Text;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>
/// Every built-in lop type (select, modify in its set/rename/delete forms, add, tree, output, conditional, print)
/// run on every board tree of the shared corpus; what the lops print and write, and the shape of the resulting
/// tree, approved in Approved/BoardLops (reviewed like code).
/// </summary>
public sealed class BoardLopSnapshotTests
{
    private static readonly string LopFolder = Path.Combine(RepoPaths.Root, "tests", "Lops.Tests", "Runtime", "BoardLops");

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var lop in Directory.GetFiles(LopFolder, "*.dts").Order(StringComparer.Ordinal))
            foreach (var board in Directory.GetFiles(RepoPaths.Boards, "*.dtb").Order(StringComparer.Ordinal))
                data.Add(Path.GetFileNameWithoutExtension(lop), Path.GetFileNameWithoutExtension(board));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Lop_results_on_the_board_match_the_approved_file(string lop, string board)
    {
        var folder = Path.Combine(Path.GetTempPath(), "viommu-boardlop-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            var printed = new StringWriter();
            var result = LopperJob.Run(new LopperJobSettings
            {
                Input = Path.Combine(RepoPaths.Boards, board + ".dtb"),
                Output = Path.Combine(folder, "out.dtb"),
                Inputs = new[] { Path.Combine(LopFolder, lop + ".dts") },
                Lops = new LopSettings { OutputDirectory = folder, Force = true },
            }, printed);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => d.Display)));
            var sb = new StringBuilder();
            sb.Append("# ").Append(lop).Append(" on ").Append(board).Append('\n');
            sb.Append("## printed\n").Append(printed);
            var tree = TreeFiles.Read(Path.Combine(folder, "out.dtb"), new DtEngine.Diagnostics.DiagnosticBag())!;
            sb.Append("## top-level nodes of the result\n");
            foreach (var n in tree.Root.Children) sb.Append(n.Name).Append('\n');
            sb.Append("## nodes with status = \"disabled\": ")
              .Append(tree.Root.Walk().Count(n => n.GetProperty("status") is { } s && s.Value.AsCString() == "disabled")).Append('\n');
            foreach (var file in Directory.GetFiles(folder, "*.dts").Order(StringComparer.Ordinal))
                sb.Append("## ").Append(Path.GetFileName(file)).Append('\n').Append(File.ReadAllText(file));
            Snapshot.VerifyIn(Path.Combine(RepoPaths.Root, "tests", "Lops.Tests", "Runtime", "Approved", "BoardLops"), $"{lop}.{board}.txt", sb.ToString());
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
