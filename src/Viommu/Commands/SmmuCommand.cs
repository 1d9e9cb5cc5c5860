using System.CommandLine;
using System.Text;
using Viommu.DtEngine.IO;
using Viommu.SmmuModel.Scenario;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu smmu SCENARIO.yaml</c>: runs a scenario through the SMMU model, one line per transaction.</summary>
public static class SmmuCommand
{
    public static Command Create()
    {
        var scenario = new Argument<string>("scenario") { Description = "Scenario file (YAML): smmu registers, memory, transactions." };
        var command = new Command("smmu", "Run DMA transactions through the simulated SMMUv3 and print where each lands.");
        command.Arguments.Add(scenario);
        command.SetAction(parse => Run(parse.GetValue(scenario)!, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, TextWriter output, TextWriter error)
    {
        SmmuScenario loaded;
        try
        {
            loaded = ScenarioReader.ReadFile(path);
        }
        catch (ScenarioException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is ArgumentException && path.Length == 0))
        {
            error.WriteLine($"{path}: error: cannot read scenario: {IoErrorText.Of(e, path)}");
            return 1;
        }
        var text = new StringBuilder();
        foreach (var result in loaded.Run()) text.Append(result.Describe()).Append('\n');
        output.Write(text.ToString());
        return 0;
    }
}
