using Viommu.SmmuModel.Scenario;
using Viommu.Testing;

namespace Viommu.SmmuModel.Tests;

/// <summary>A bounded fuzz pass (fixed seed) over the scenario reader and the model behind it: every mutant of the
/// shipped vectors gives one result per transaction or a located YAML error, never an unhandled exception.</summary>
public sealed class ScenarioFuzzTests
{
    private static readonly string[] Fragments =
    {
        "0x", "0xffffffffffffffff", "0x10000000000000000", "-1", "u64: [", "]", "[", "{", "}", ":", "- ", "&a ", "*a", "\n",
        "  ", "at: ", "sid: ", "ssid: 0xffffffff", "access: exec", "access: nope", "oas: 99", "sidsize: 33", "ssidsize: 21",
        "strtab_base_cfg: 0x3f003f", "strtab_base: 0xffffffffffffffc0", "abort: ", "privileged: true", "u32: [", "!!int",
    };

    public static TheoryData<string, int> Vectors()
    {
        var data = new TheoryData<string, int>();
        var seed = 20;
        foreach (var f in Directory.GetFiles(RepoPaths.SmmuExamples, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f), seed++);
        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Mutated_scenarios_run_or_give_a_located_error(string vector, int seed)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.SmmuExamples, vector));
        var count = int.TryParse(Environment.GetEnvironmentVariable("VIOMMU_FUZZ_COUNT"), out var n) ? n : 300;
        int ran = 0, refused = 0;
        foreach (var mutant in Mutator.Texts(text, Fragments, count, seed, maxEdits: 3))
        {
            try
            {
                var scenario = ScenarioReader.Read(mutant, "fuzz.yaml");
                Assert.Equal(scenario.Transactions.Count, scenario.Run().Count);
                ran++;
            }
            catch (ScenarioException e)
            {
                Assert.Matches(@"^fuzz\.yaml:\d+:\d+: ", e.Message);
                refused++;
            }
        }
        Assert.True(ran > 0 && refused > 0, $"{ran} ran, {refused} refused");
    }
}
