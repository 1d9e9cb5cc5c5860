using Viommu.Lops.Runtime;
using Viommu.Lops.Xen.SystemMode;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Characters YAML does not allow, reserved directives and deep nesting are refused with a place, before
/// YamlDotNet's scanner sees them: a reserved directive line running into the end of the input looped it forever,
/// and its time grows with the square of the nesting depth (found by fuzzing the lop reader; inputs in FuzzFindings).</summary>
public sealed class YamlHostileInputTests
{
    [Fact]
    public void Fuzz_findings_give_located_errors()
    {
        var files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "Lops.Tests", "FuzzFindings"), "yaml-*.yaml");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var text = System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(file));
            Assert.Matches(@"^p\.yaml:\d+:\d+: error: ", Assert.Throws<YamlInputException>(() => YamlLopReader.Parse(text, "p.yaml")).Message);
        }
    }

    [Theory]
    [InlineData("lops:\n  - type: mo\0dify\n", "p.yaml:2:13: error: character U+0000 is not allowed in YAML")]
    [InlineData("%YAML 1.2\0\n---\na: 1\n", "p.yaml:1:10: error: character U+0000 is not allowed in YAML")]
    [InlineData("a: 1\rb: \u0007\n", "p.yaml:2:4: error: character U+0007 is not allowed in YAML")]
    [InlineData("a: \u0085\u00a0\ufffe\n", "p.yaml:2:2: error: character U+FFFE is not allowed in YAML")] // NEL breaks the line
    public void Forbidden_characters_are_located(string yaml, string message)
        => Assert.StartsWith(message, Assert.Throws<YamlInputException>(() => YamlLopReader.Parse(yaml, "p.yaml")).Message);

    [Theory]
    [InlineData("lops: []\n%L >''''\n", "p.yaml:2:1: error: YAML directives other than %YAML and %TAG are not accepted")]
    [InlineData("%YAML1.2\n---\nlops: []\n", "p.yaml:1:1: error: YAML directives other than %YAML and %TAG are not accepted")]
    [InlineData("lops: []\u0085%d\n", "p.yaml:2:1: error: YAML directives other than %YAML and %TAG are not accepted")]
    [InlineData("lops: []\u2028%d\n", "p.yaml:2:1: error: YAML directives other than %YAML and %TAG are not accepted")]
    public void Reserved_directives_are_refused(string yaml, string message)
        => Assert.StartsWith(message, Assert.Throws<YamlInputException>(() => YamlLopReader.Parse(yaml, "p.yaml")).Message);

    [Fact]
    public void Yaml_and_tag_directives_still_load()
        => Assert.Empty(YamlLopReader.Parse("%YAML 1.2\n%TAG !e! tag:example.com,2026:\n---\nlops: []\n", "p.yaml").Lops.Lops);

    [Fact]
    public void Nesting_is_bounded_in_every_reader()
    {
        var ok = new string('[', 127) + new string(']', 127);
        var deep = new string('[', 128) + new string(']', 128);
        // the limit counts the root mapping too: 1 + 127 levels load, 1 + 128 do not
        Assert.DoesNotContain("nested", Record.Exception(() => YamlLopReader.Parse("lops: " + ok + "\n", "p.yaml"))?.Message ?? "");
        Assert.StartsWith("p.yaml:1:134: error: YAML nested more than 128 levels deep",
            Assert.Throws<YamlInputException>(() => YamlLopReader.Parse("lops: " + deep + "\n", "p.yaml")).Message);
        Assert.Contains("nested more than 128 levels deep",
            Assert.Throws<YamlInputException>(() => SystemSpecReader.Parse("a: " + deep + "\n", "s.yaml")).Message);
        Assert.Contains("nested more than 128 levels deep",
            Assert.Throws<YamlInputException>(() => YamlTree.Read("a: " + deep + "\n", "t.yaml")).Message);
    }
}
