using Viommu.SmmuModel.Scenario;

namespace Viommu.SmmuModel.Tests;

/// <summary>Every scenario under examples/smmu (the reference's worked vectors and our own) gives its
/// expected output.</summary>
public class ScenarioVectorTests
{
    public static TheoryData<string> Vectors()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(RepoPaths.SmmuExamples, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_gives_expected_output(string name)
    {
        var path = Path.Combine(RepoPaths.SmmuExamples, name + ".yaml");
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected"));
        var actual = ScenarioReader.ReadFile(path).Run().Select(r => r.Describe()).ToArray();
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void All_reference_vectors_are_shipped()
    {
        // The six worked vectors of the reference must stay in examples/smmu.
        foreach (var v in new[] { "v1-s2-4k-concatenated", "v2-s2-permission-and-af", "v3-stream-table-checks",
                     "v4-two-level-split6", "v5-s1-only-4k", "v6-nested" })
            Assert.True(File.Exists(Path.Combine(RepoPaths.SmmuExamples, v + ".yaml")), v);
    }
}
