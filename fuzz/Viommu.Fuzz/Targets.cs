using System.Text;
using Viommu.DtEngine;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;
using Viommu.DtEngine.Preprocessor;
using Viommu.Lops.Runtime;
using Viommu.Lops.Xen.SystemMode;
using Viommu.SmmuModel.Scenario;

namespace Viommu.Fuzz;

/// <summary>
/// One fuzz target per reader. Each takes the fuzzer's bytes, reads them as a user's file would be read and carries
/// the result on as the command would; the errors a user is meant to see (located diagnostics and the readers'
/// located exceptions) are normal outcomes, anything else escapes and is a finding.
/// </summary>
public static class Targets
{
    public static readonly IReadOnlyDictionary<string, Action<byte[]>> All = new Dictionary<string, Action<byte[]>>
    {
        ["dtb"] = Dtb,
        ["dts"] = Dts,
        ["cpp"] = Cpp,
        ["lops-dts"] = LopsDts,
        ["lops-yaml"] = LopsYaml,
        ["system-spec"] = SystemSpecYaml,
        ["scenario"] = Scenario,
    };

    private static void CompileAndWrite(DeviceTree tree)
    {
        var bag = new DiagnosticBag();
        if (DtCompiler.Process(tree, new CompileOptions { Force = true, Quiet = 3 }, bag) == CompileOutcome.Fatal) return;
        DtbWriter.Write(tree, null, bag);
        DtsWriter.WriteBytes(tree);
    }

    private static void Dtb(byte[] data)
    {
        var tree = DtbReader.Read(data, new DiagnosticBag(), "fuzz.dtb");
        if (tree is not null) CompileAndWrite(tree);
    }

    private static void Dts(byte[] data)
    {
        var tree = DtsParser.ParseText(Encoding.Latin1.GetString(data), new DiagnosticBag(), "fuzz.dts");
        if (tree is not null) CompileAndWrite(tree);
    }

    private static void Cpp(byte[] data)
    {
        var options = new PpOptions { ReadFile = p => p == "fuzz.dts" ? data : null, MaxExpansionTokens = 200_000 };
        var result = CPreprocessor.Run("fuzz.dts", options);
        if (!result.Failed) Dts(result.Bytes);
    }

    // Made on first use: instrumented code must not run before SharpFuzz has set up its shared memory.
    private static DeviceTree? _smallTree;

    private static DeviceTree SmallTree => _smallTree ??= DtsParser.ParseText("""
        /dts-v1/;
        / { compatible = "vendor,board"; #address-cells = <1>; #size-cells = <1>;
            cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { compatible = "arm,cortex-a53"; reg = <0>; }; };
            amba { #address-cells = <1>; #size-cells = <1>; ranges;
                uart0: serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x100>; status = "okay"; };
                serial@2000 { compatible = "arm,pl011"; reg = <0x2000 0x100>; status = "disabled"; }; }; };
        """, new DiagnosticBag())!;

    /// <summary>Runs the lop file on a copy of a small tree, outputs kept in memory (staged, never written).</summary>
    private static void RunLops(LopFile file)
    {
        var tree = DtbReader.Read(DtbWriter.Write(SmallTree), new DiagnosticBag())!;
        var session = new LopSession(tree, Viommu.Lops.BuiltIn.BuiltInLops.CreateRegistry(), new LopSettings { Force = true, OutputDirectory = Path.GetTempPath() });
        Pipeline.Run(session, new[] { file }, writeOutputs: false);
    }

    private static void LopsDts(byte[] data)
    {
        var bag = new DiagnosticBag();
        var tree = DtsParser.ParseText(Encoding.Latin1.GetString(data), bag, "fuzz.dts");
        if (tree is null || !DtsLopReader.IsLopFile(tree)) return;
        if (DtsLopReader.FromTree(tree, "fuzz.dts", bag) is { } file) RunLops(file);
    }

    private static void LopsYaml(byte[] data)
    {
        YamlPipeline pipeline;
        try { pipeline = YamlLopReader.Parse(Encoding.UTF8.GetString(data), "fuzz.yaml"); }
        catch (YamlInputException) { return; }
        catch (LopException) { return; }
        RunLops(pipeline.Lops);
    }

    private static void SystemSpecYaml(byte[] data)
    {
        try { SystemSpecReader.Parse(Encoding.UTF8.GetString(data), "fuzz.yaml"); }
        catch (YamlInputException) { }
    }

    private static void Scenario(byte[] data)
    {
        SmmuScenario scenario;
        try { scenario = ScenarioReader.Read(Encoding.UTF8.GetString(data), "fuzz.yaml"); }
        catch (ScenarioException) { return; }
        scenario.Run();
    }
}
