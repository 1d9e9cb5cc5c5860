using System.Runtime.CompilerServices;
using System.Text;
using DiffPlex;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Viommu.Lops.Tests;

/// <summary>
/// Approval testing in the ApprovalTests shape: the text is compared with <c>Approved/NAME.approved.EXT</c> next to
/// this file; on a difference, <c>NAME.received.EXT</c> is written beside it and the test fails with a unified
/// diff. Approve by renaming received to approved (review it like code).
/// </summary>
internal static class Snapshot
{
    public static void Verify(string name, string text, [CallerFilePath] string source = "")
        => VerifyIn(Path.Combine(Path.GetDirectoryName(source)!, "Approved"), name, text);

    /// <summary>The same with the approved files in <paramref name="folder"/> (the examples' expected outputs).</summary>
    public static void VerifyIn(string folder, string name, string text)
    {
        Directory.CreateDirectory(folder);
        var ext = Path.GetExtension(name);
        var stem = ext.Length > 0 ? name[..^ext.Length] : name;
        if (ext.Length == 0) ext = ".txt";
        var approved = Path.Combine(folder, stem + ".approved" + ext);
        var received = Path.Combine(folder, stem + ".received" + ext);
        var expected = File.Exists(approved) ? File.ReadAllText(approved) : "";
        if (expected == text)
        {
            File.Delete(received);
            return;
        }
        File.WriteAllText(received, text);
        Assert.Fail($"{name} differs from its approved file (received written to {received}):\n{UnifiedDiff(expected, text)}");
    }

    private static string UnifiedDiff(string expected, string actual)
    {
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(expected, actual, ignoreWhitespace: false);
        var sb = new StringBuilder("--- approved\n+++ received\n");
        var lines = model.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type == ChangeType.Unchanged)
            {
                var near = false;
                for (var j = Math.Max(0, i - 2); j <= Math.Min(lines.Count - 1, i + 2); j++) near |= lines[j].Type != ChangeType.Unchanged;
                if (near) sb.Append(' ').Append(lines[i].Text).Append('\n');
                continue;
            }
            sb.Append(lines[i].Type == ChangeType.Deleted ? '-' : '+').Append(lines[i].Text).Append('\n');
        }
        return sb.ToString();
    }
}
