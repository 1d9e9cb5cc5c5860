using System.Text.RegularExpressions;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.Lops.Runtime;
using Viommu.Lops.Xen;

namespace Viommu.Lops.Tests.Xen;

/// <summary>
/// For every example: the generated configuration passes 'xen validate', and changing any single pSID, vSID or
/// SMMU base in the output (xl.cfg map entries, or the partial tree's iommus / iommu-map vSIDs) makes it fail.
/// </summary>
public sealed partial class MutationTests
{
    public static IEnumerable<object[]> Cases => XenExamples.Data;

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_configuration_validates_and_every_single_mutation_fails(string example, string variant)
    {
        var c = XenExamples.Get(example, variant);
        using var temp = new TempDir();
        var (tree, xl, _, result) = XenExamples.Run(c, temp.Path);
        Assert.True(result.Succeeded);
        var options = c.Options with { EmitNode = false };
        var clean = ConfigChecker.Check(c.Host, tree, xl, options);
        Assert.True(clean.Passed, string.Join("\n", clean.Mismatches));

        var xlText = File.ReadAllText(xl);
        var entries = Entry().Matches(xlText);
        Assert.NotEmpty(entries);
        var mutations = 0;
        foreach (Match m in entries)
            foreach (var group in new[] { "psid", "vsid", "base" })
            {
                var g = m.Groups[group];
                var value = Convert.ToUInt64(g.Value, 16);
                var changed = group == "base" ? value + 0x1000 : value + 1;
                var mutated = xlText[..g.Index] + changed.ToString("x") + xlText[(g.Index + g.Length)..];
                var path = temp.File($"mutant-{mutations++}.cfg");
                File.WriteAllText(path, mutated);
                var check = ConfigChecker.Check(c.Host, tree, path, options);
                Assert.False(check.Passed, $"changing the {group} of \"{m.Value}\" to 0x{changed:x} still validates");
            }

        foreach (var (node, property, cell) in VsidCells(tree))
        {
            var path = temp.File($"mutant-{mutations++}.dts");
            File.WriteAllText(path, MutateCell(tree, node, property, cell));
            var check = ConfigChecker.Check(c.Host, path, xl, options);
            Assert.False(check.Passed, $"changing vSID cell {cell} of {node}:{property} still validates");
        }
        Assert.True(mutations > 0);
    }

    /// <summary>Where vSIDs sit: every second cell of iommus, the third of each iommu-map entry.</summary>
    private static IEnumerable<(string Node, string Property, int Cell)> VsidCells(string treePath)
    {
        var tree = TreeFiles.Read(treePath, new DiagnosticBag())!;
        foreach (var n in tree.Root.Walk())
        {
            if (n.GetProperty("iommus") is { } i)
                for (var k = 1; k < i.Value.Length / 4; k += 2) yield return (n.Path, "iommus", k);
            if (n.GetProperty("iommu-map") is { } m)
                for (var k = 2; k < m.Value.Length / 4; k += 4) yield return (n.Path, "iommu-map", k);
        }
    }

    private static string MutateCell(string treePath, string node, string property, int cell)
    {
        var tree = TreeFiles.Read(treePath, new DiagnosticBag())!;
        var value = tree.FindByPath(node)!.GetProperty(property)!.Value;
        value.WriteCell(cell * 4, value.ReadCell(cell * 4) + 1);
        return DtsWriter.Write(tree);
    }

    [GeneratedRegex("\"0x(?<psid>[0-9a-f]+)@0x(?<vsid>[0-9a-f]+),0x(?<base>[0-9a-f]+)\"")]
    private static partial Regex Entry();
}
