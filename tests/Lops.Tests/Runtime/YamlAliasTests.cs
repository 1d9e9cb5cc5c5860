using Viommu.Lops.Runtime;
using Viommu.Lops.Xen.SystemMode;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Every YAML reader refuses anchors and aliases before building anything: a node holding an alias of
/// itself made YamlDotNet's loader recurse until the stack overflowed (found by fuzzing the scenario reader).</summary>
public sealed class YamlAliasTests
{
    [Theory]
    [InlineData("lops: &a [*a]\n", "p.yaml:1:7: error: YAML anchors and aliases are not accepted")]
    [InlineData("&a {*a : 1}\n", "p.yaml:1:1: error: YAML anchors and aliases are not accepted")]
    [InlineData("lops:\n  - type: modify\n    modify: *m\n", "p.yaml:3:13: error: YAML anchors and aliases are not accepted")]
    public void Lop_pipelines(string yaml, string message)
        => Assert.StartsWith(message, Assert.Throws<YamlInputException>(() => YamlLopReader.Parse(yaml, "p.yaml")).Message);

    [Fact]
    public void System_specs_and_yaml_trees()
    {
        Assert.StartsWith("s.yaml:1:1: error: YAML anchors and aliases are not accepted",
            Assert.Throws<YamlInputException>(() => SystemSpecReader.Parse("&a {*a : 1}\n", "s.yaml")).Message);
        Assert.StartsWith("t.yaml:1:4: error: YAML anchors and aliases are not accepted",
            Assert.Throws<YamlInputException>(() => YamlTree.Read("a: &x {b: 1}\n", "t.yaml")).Message);
    }
}
