using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.Testing;

namespace Viommu.DtEngine.Tests;

/// <summary>Trees read from a FIFO, as from a shell's <c>&lt;(...)</c>: dtc's input guess opens only a regular file
/// (a pipe is DTS, its bytes untouched), and the tree loader reads a pipe once and tells a blob by its magic.</summary>
public class PipeInputTests
{
    private const string Source = "/dts-v1/;\n/ { compatible = \"board\"; n: node { ref = <&n>; }; };\n";

    /// <summary>A FIFO in <paramref name="dir"/> that a writer thread fills with <paramref name="content"/> once a
    /// reader opens it.</summary>
    private static (string Path, Thread Writer) Fifo(TempDir dir, byte[] content)
    {
        var path = dir.File("input");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) mkfifo.WaitForExit();
        var writer = new Thread(() => File.WriteAllBytes(path, content)) { IsBackground = true };
        writer.Start();
        return (path, writer);
    }

    [Fact]
    public async Task The_input_guess_takes_a_fifo_for_dts_without_opening_it()
    {
        using var dir = new TempDir();
        var path = dir.File("quiet");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", path)) mkfifo.WaitForExit();
        // no writer: an open would block the test
        var guess = Task.Run(() => DtcDriver.GuessInputFormat(path, "dts"));
        Assert.Same(guess, await Task.WhenAny(guess, Task.Delay(TimeSpan.FromSeconds(20)))); // else the guess opened it
        Assert.Equal("dts", await guess);
        Assert.Equal("fs", DtcDriver.GuessInputFormat(dir.Path, "dts"));
        Assert.Equal("dts", DtcDriver.GuessInputFormat(dir.File("missing"), "dts"));
    }

    [Fact]
    public void The_tree_loader_reads_dts_and_a_blob_from_a_fifo()
    {
        using var dir = new TempDir();
        var fromText = TreeLoader.LoadText(Source, new DiagnosticBag())!;
        var blob = DtbWriter.Write(fromText);

        var (dtsPath, dtsWriter) = Fifo(dir, System.Text.Encoding.ASCII.GetBytes(Source));
        var bag = new DiagnosticBag();
        var dts = TreeLoader.Load(dtsPath, bag);
        dtsWriter.Join();
        Assert.NotNull(dts);
        Assert.Equal(blob, DtbWriter.Write(dts));
        File.Delete(dtsPath);

        var (blobPath, blobWriter) = Fifo(dir, blob);
        var fromBlob = TreeLoader.Load(blobPath, new DiagnosticBag());
        blobWriter.Join();
        Assert.NotNull(fromBlob);
        Assert.Equal(blob, DtbWriter.Write(fromBlob));
    }

    [Fact]
    public void A_syntax_error_in_dts_from_a_fifo_names_the_fifo()
    {
        using var dir = new TempDir();
        var (path, writer) = Fifo(dir, "/dts-v1/;\n/ { x = <1; };\n"u8.ToArray());
        var bag = new DiagnosticBag();
        Assert.Null(TreeLoader.Load(path, bag));
        writer.Join();
        Assert.Contains(bag.Items, d => d.Display.StartsWith($"Error: {path}:2.", StringComparison.Ordinal));
    }
}
