using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Viommu.Lops.Bench;
using Viommu.Lops.Runtime;
using Viommu.Lops.Xen;

// `generate-guest DIR DEVICES STREAMS` writes the benchmark's host and partial tree for process-level timing
// (bench/xen-partial-speed.sh); anything else runs BenchmarkDotNet.
if (args.Length == 4 && args[0] == "generate-guest")
{
    Directory.CreateDirectory(args[1]);
    XenGuestGenerator.Write(args[1], int.Parse(args[2]), int.Parse(args[3]));
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(XenPartialBench).Assembly).Run(args);

/// <summary>'viommu xen partial' in process, end to end: read host and partial DTS, resolve, allocate, rewrite,
/// validate every stream in the SMMU model (nested), write the tree, xl.cfg and map.</summary>
[MemoryDiagnoser]
public class XenPartialBench
{
    private string _folder = null!;
    private string _host = null!;
    private string _partial = null!;

    [Params(256)] public int Devices;
    [Params(16)] public int StreamsPerDevice;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("viommu-bench-").FullName;
        (_host, _partial) = XenGuestGenerator.Write(_folder, Devices, StreamsPerDevice);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, true);

    [Benchmark]
    public bool PartialEndToEnd()
    {
        var r = XenPartialJob.Run(new XenPartialSettings
        {
            Host = _host, Partial = _partial, Output = Path.Combine(_folder, "out.dtb"),
            XlConfig = Path.Combine(_folder, "xl.cfg"), Map = Path.Combine(_folder, "map.json"),
        });
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("\n", r.Diagnostics));
        return r.Succeeded;
    }
}

/// <summary>Lopper's typical job on the largest shared board tree: read the DTB, select by compatible, modify the
/// selection, rename a node, write the whole tree as DTS and the selection as DTB.</summary>
[MemoryDiagnoser]
public class LopperPipelineBench
{
    private string _folder = null!;
    private string _lops = null!;
    private string _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("viommu-bench-").FullName;
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Viommu.sln"))) root = Path.GetDirectoryName(root)!;
        _input = Path.Combine(root, "..", "shared", "corpus", "boards", "k3-j721e-evm.dtb");
        _lops = Path.Combine(_folder, "lops.dts");
        File.WriteAllText(_lops, """
            /dts-v1/;
            / { compatible = "system-device-tree-v1,lop";
              lops {
                s { compatible = "system-device-tree-v1,lop,select-v1"; select_1; select_2 = "/.*:compatible:.*serial.*"; };
                m { compatible = "system-device-tree-v1,lop,modify"; modify = ":status:disabled"; };
                r { compatible = "system-device-tree-v1,lop,modify"; modify = "/cpus::cpus_a72"; };
                o { compatible = "system-device-tree-v1,lop,output"; outfile = "serials.dtb"; nodes = ".*serial.*"; };
              };
            };
            """);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, true);

    [Benchmark]
    public bool SelectModifyOutput()
    {
        var r = LopperJob.Run(new LopperJobSettings
        {
            Input = _input, Output = Path.Combine(_folder, "out.dts"), Inputs = new[] { _lops },
            Lops = new LopSettings { OutputDirectory = _folder, Force = true },
        });
        if (!r.Succeeded) throw new InvalidOperationException(string.Join("\n", r.Diagnostics));
        return r.Succeeded;
    }
}
