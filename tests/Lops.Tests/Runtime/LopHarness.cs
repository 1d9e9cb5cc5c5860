using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Runs lop files (as text) on a tree (as text) in a temporary folder.</summary>
internal static class LopHarness
{
    // A run's folder outlives Run (tests read the files a lop wrote), so the folders go when the test process ends.
    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Folders = [];

    static LopHarness() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var folder in Folders)
            try { Directory.Delete(folder, true); } catch (IOException) { }
    };

    public const string Tree = """
        /dts-v1/;
        / {
            compatible = "vendor,board";
            model = "test board";
            cpus {
                #address-cells = <1>; #size-cells = <0>;
                cpu0: cpu@0 { compatible = "arm,cortex-a53"; reg = <0>; device_type = "cpu"; };
                cpu1: cpu@1 { compatible = "arm,cortex-a72"; reg = <1>; device_type = "cpu"; };
            };
            amba {
                #address-cells = <1>; #size-cells = <1>;
                uart0: serial@1000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x1000 0x100>; status = "okay"; };
                uart1: serial@2000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x2000 0x100>; status = "disabled"; };
                eth: ethernet@3000 { compatible = "vendor,eth"; reg = <0x3000 0x100>; phy { reg = <1>; status = "okay"; }; };
            };
            anode_to_delete { foo = <1>; };
        };
        """;

    public static string LopFile(string lops, int? priority = null) =>
        "/dts-v1/;\n/ {\n compatible = \"system-device-tree-v1,lop\";\n" + (priority is { } p ? $" priority = <{p}>;\n" : "") + " lops {\n" + lops + "\n };\n};\n";

    public sealed record Outcome(bool Ok, DeviceTree Tree, string Messages, string Printed, string Folder);

    public static Outcome Run(string tree, params string[] lopFiles) => Run(false, tree, lopFiles);

    public static Outcome Run(bool permissive, string tree, params string[] lopFiles)
    {
        var folder = Path.Combine(Path.GetTempPath(), "viommu-lop-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        Folders.Add(folder);
        var input = Path.Combine(folder, "input.dts");
        File.WriteAllText(input, tree);
        var inputs = new List<string>();
        for (var i = 0; i < lopFiles.Length; i++)
        {
            var name = Path.Combine(folder, lopFiles[i].TrimStart().StartsWith("lops:", StringComparison.Ordinal) || lopFiles[i].Contains("\nlops:") ? $"lop{i}.yaml" : $"lop{i}.dts");
            File.WriteAllText(name, lopFiles[i]);
            inputs.Add(name);
        }
        var printed = new StringWriter();
        var result = LopperJob.Run(new LopperJobSettings
        {
            Input = input, Output = Path.Combine(folder, "out.dts"), Inputs = inputs,
            Lops = new LopSettings { OutputDirectory = folder, Force = true, Permissive = permissive },
        }, printed);
        var messages = string.Join("\n", result.Diagnostics.Select(d => d.Display));
        var outTree = result.Succeeded ? TreeLoader.Load(Path.Combine(folder, "out.dts"), new DiagnosticBag())! : new DeviceTree(new DtNode(""));
        return new Outcome(result.Succeeded, outTree, messages, printed.ToString(), folder);
    }

    public static string Prop(DeviceTree tree, string path, string name)
    {
        var p = tree.FindByPath(path)?.GetProperty(name);
        return p is null ? "<none>" : LopperValue.FromProperty(p.Value).ToString();
    }

    public static string Dts(DeviceTree tree) => DtsWriter.Write(tree);

    public static LopRegistry Registry() => BuiltInLops.CreateRegistry();
}
