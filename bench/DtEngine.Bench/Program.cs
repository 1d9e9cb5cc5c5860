using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Bench;

/// <summary>
/// In-process parse-and-write of real board trees (the goal: a 150 KB tree well under a
/// millisecond). Run: dotnet run -c Release --project bench/DtEngine.Bench -- --filter '*'
/// </summary>
[MemoryDiagnoser]
public class ParseAndWrite
{
    private byte[] _blob = Array.Empty<byte>();
    private string _dts = "";
    private byte[] _dtsBytes = Array.Empty<byte>();

    [Params("k3-j721e-evm.dtb", "r8a77951-salvator-xs.dtb")]
    public string Board { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var dir = Environment.GetEnvironmentVariable("VIOMMU_BOARDS") ?? FindBoards();
        _blob = File.ReadAllBytes(Path.Combine(dir, Board));
        _dts = DtsWriter.Write(DtbReader.Read(_blob, new DiagnosticBag())!);
        _dtsBytes = System.Text.Encoding.Latin1.GetBytes(_dts);
    }

    private static string FindBoards()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var c = Path.Combine(d.FullName, "shared", "corpus", "boards");
            if (Directory.Exists(c)) return c;
        }
        throw new DirectoryNotFoundException("shared/corpus/boards; set VIOMMU_BOARDS");
    }

    [Benchmark(Description = "DTB read + DTB write")]
    public byte[] DtbToDtb() => DtbWriter.Write(DtbReader.Read(_blob, new DiagnosticBag())!);

    [Benchmark(Description = "DTB read + DTS write")]
    public string DtbToDts() => DtsWriter.Write(DtbReader.Read(_blob, new DiagnosticBag())!);

    [Benchmark(Description = "DTS parse + DTB write")]
    public byte[] DtsToDtb() => DtbWriter.Write(DtsParser.ParseText(_dts, new DiagnosticBag(), "board.dts")!);

    /// <summary>The same from the file's bytes (what <c>viommu dtc</c> does): no text-to-bytes copy first.</summary>
    [Benchmark(Description = "DTS bytes parse + DTB write")]
    public byte[] DtsBytesToDtb() => DtbWriter.Write(DtsParser.ParseBytes(_dtsBytes, new DiagnosticBag(), "board.dts")!);

    // A program that writes tree after tree (into files, or a buffer of its own) uses the stream forms: an array per
    // blob or text is a large object, and large objects set off full collections every few writes.
    private readonly MemoryStream _output = new();

    private MemoryStream Rewound()
    {
        _output.Position = 0;
        return _output;
    }

    [Benchmark(Description = "DTB read + DTB write to a stream")]
    public long DtbToDtbStream()
    {
        var output = Rewound();
        DtbWriter.Write(DtbReader.Read(_blob, new DiagnosticBag())!, output);
        return output.Position;
    }

    [Benchmark(Description = "DTB read + DTS write to a stream")]
    public long DtbToDtsStream()
    {
        var output = Rewound();
        DtsWriter.Write(DtbReader.Read(_blob, new DiagnosticBag())!, output);
        return output.Position;
    }

    [Benchmark(Description = "DTS bytes parse + DTB write to a stream")]
    public long DtsBytesToDtbStream()
    {
        var output = Rewound();
        DtbWriter.Write(DtsParser.ParseBytes(_dtsBytes, new DiagnosticBag(), "board.dts")!, output);
        return output.Position;
    }

    [Benchmark(Description = "DTS bytes parse")]
    public DeviceTree? DtsBytesParse() => DtsParser.ParseBytes(_dtsBytes, new DiagnosticBag(), "board.dts");
}

public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
