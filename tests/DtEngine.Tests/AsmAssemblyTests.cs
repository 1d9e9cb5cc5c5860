using System.Diagnostics;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Dtb;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The asm output means what the blob means: assembled by GNU as (binutils, there wherever gcc is) and copied out
/// as raw bytes, it is the blob the DTB writer makes from the same tree, for every valid source of dtc's test suite
/// and for the real boards in the oldest layout too (version 1: full paths, 8-byte alignment, "name" properties).
/// </summary>
public class AsmAssemblyTests
{
    public static TheoryData<DtcCorpusTests.Row> ValidRows() => DtcCorpusTests.ValidRows();

    public static TheoryData<string> Boards() => BoardTreeTests.Boards();

    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Corpus_source_assembles_to_its_blob(DtcCorpusTests.Row row)
    {
        var blob = Output(DtcCorpusTests.Settings(row, "dtb"));
        var asm = Output(DtcCorpusTests.Settings(row, "asm"));
        Assert.Equal(blob, Assemble(asm));
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void Board_assembles_to_its_blob_in_versions_17_and_1(string board)
    {
        foreach (var version in new[] { 17, 1 })
        {
            var settings = new DtcSettings
            {
                Input = Path.Combine(TestPaths.Boards, board),
                InputFormat = "dtb",
                Compile = new CompileOptions { Quiet = 1 },
                // padding and alignment as the assembler computes them from the labels
                Blob = new DtbWriteOptions { Version = version, ReserveSlots = 2, Padding = 100, Alignment = 64 },
            };
            var blob = Output(settings with { OutputFormat = "dtb" });
            Assert.Equal(blob, Assemble(Output(settings with { OutputFormat = "asm" })));
        }
    }

    private static byte[] Output(DtcSettings settings)
    {
        var result = DtcDriver.Run(settings);
        Assert.True(result.ExitCode == 0, string.Join("\n", result.Diagnostics));
        return result.Output!;
    }

    private static byte[] Assemble(byte[] source)
    {
        using var dir = new TempDir();
        File.WriteAllBytes(dir.File("blob.S"), source);
        Tool(dir.Path, "as", "-o", "blob.o", "blob.S");
        // dtc's source names no section: everything is in .text
        Tool(dir.Path, "objcopy", "-O", "binary", "-j", ".text", "blob.o", "blob.bin");
        return File.ReadAllBytes(dir.File("blob.bin"));
    }

    private static void Tool(string directory, string name, params string[] args)
    {
        var psi = new ProcessStartInfo(name) { WorkingDirectory = directory, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{name} is not installed: run 'apt-get install -y binutils' (.ci/run does)", e);
        }
        using (p)
        {
            var stderr = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, $"{name} failed: {stderr}");
        }
    }
}
