using System.Text;
using Viommu.Lops.Runtime;
using Viommu.Lops.Xen.SystemMode;

namespace Viommu.Lops.Tests.Xen;

/// <summary>A bounded fuzz pass (fixed seed) over the system spec: a spec or a located error, never an unhandled exception.</summary>
public sealed class SystemSpecFuzzTests
{
    private static readonly string[] Fragments =
    {
        ":", "- ", "{", "}", "[", "]", "&a", "*a", "!!binary", "0x", "-1", "99999999999999999999", "\n", "  ", "\t", "'", "\"",
        "memory: 0", "vsid: x", "guest: 0x1001", "rids: 5-1", "pci: /", "path: ", "interrupts: maybe", "viommu: x", "name: a/b",
        "domains:", "xen: {vsmmu: {layout: ring}}", "host-memory: 9-1", "version: x", "#", "---", "...",
    };

    [Fact]
    public void Mutated_specs_give_a_spec_or_a_located_error()
    {
        var seed = File.ReadAllText(Path.Combine(RepoPaths.XenExamples, "system", "system.yaml"));
        var parsed = 0;
        var refused = 0;
        foreach (var text in Viommu.Testing.Mutator.Texts(seed, Fragments, 2000, 7, maxEdits: 4))
        {
            try
            {
                SystemSpecReader.Parse(text, "fuzz.yaml");
                parsed++;
            }
            catch (YamlInputException e)
            {
                Assert.Matches(@"^fuzz\.yaml:\d+:\d+: error: |^fuzz\.yaml:\d+:\d+: error: ", e.Message);
                refused++;
            }
        }
        Assert.Equal(2000, parsed + refused);
        Assert.True(parsed > 0 && refused > 0);
    }
}
