using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// dtc -I fs: each board tree unpacked into a /proc/device-tree style folder reads back as dtc reads it (entries in
/// the order the file system lists them), and special files and broken links get dtc's treatment.
/// </summary>
public class FsInputTests
{
    public static TheoryData<string> Boards() =>
        new(Directory.GetFiles(TestPaths.Boards, "*.dtb").Select(Path.GetFileName).Order()!);

    private static DtcResult Compile(string folder, string outputFormat) => DtcDriver.Run(new DtcSettings
    {
        Input = folder,
        InputFormat = "fs",
        OutputFormat = outputFormat,
        Compile = new CompileOptions { Quiet = 1 },
    });

    /// <summary>Writes a node as /proc/device-tree does: a file per property, a folder per child.</summary>
    private static void Unpack(DtNode node, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var p in node.Properties) File.WriteAllBytes(Path.Combine(folder, p.Name), p.Value.Bytes.ToArray());
        foreach (var c in node.Children) Unpack(c, Path.Combine(folder, c.Name));
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void A_board_folder_reads_as_dtc_reads_it(string board)
    {
        using var temp = new TempDir();
        var folder = temp.Path;
        Unpack(DtbReader.Read(File.ReadAllBytes(Path.Combine(TestPaths.Boards, board)), new DiagnosticBag())!.Root, folder);
        // the blob only: the system's dtc (Debian's 1.6.1) guesses DTS value types as 1.8 no longer does
        var dtc = ExternalDtc.Run("-q", "-I", "fs", "-O", "dtb", folder);
        var ours = Compile(folder, "dtb");
        Assert.Equal(0, dtc.ExitCode);
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(dtc.Stdout, ours.Output);
    }

    [Fact]
    public void Special_files_are_skipped_and_a_broken_link_is_fatal_as_with_dtc()
    {
        using var temp = new TempDir();
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "node"));
        File.WriteAllBytes(Path.Combine(folder, "compatible"), "board\0"u8.ToArray());
        File.WriteAllBytes(Path.Combine(folder, "node", "value"), [0, 0, 0, 1]);
        File.CreateSymbolicLink(Path.Combine(folder, "linked"), Path.Combine(folder, "compatible"));
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(folder, "node", "fifo"))) mkfifo.WaitForExit();
        Assert.True(File.Exists(Path.Combine(folder, "node", "fifo")));
        var dtc = ExternalDtc.Run("-q", "-I", "fs", "-O", "dtb", folder);
        var ours = Compile(folder, "dtb");
        Assert.Equal(0, ours.ExitCode);
        Assert.Equal(dtc.Stdout, ours.Output);
        var text = System.Text.Encoding.Latin1.GetString(Compile(folder, "dts").Output!);
        Assert.Contains("linked = \"board\";", text);
        Assert.DoesNotContain("fifo", text);

        var broken = Path.Combine(folder, "node", "broken");
        File.CreateSymbolicLink(broken, Path.Combine(folder, "missing"));
        dtc = ExternalDtc.Run("-q", "-I", "fs", "-O", "dts", folder);
        ours = Compile(folder, "dts");
        Assert.Equal(dtc.ExitCode, ours.ExitCode);
        Assert.Equal($"FATAL ERROR: stat({broken}): No such file or directory", dtc.Stderr.TrimEnd('\n'));
        Assert.Equal(dtc.Stderr.TrimEnd('\n'), Assert.Single(ours.Diagnostics).Display);
    }

    [Fact]
    public void A_file_given_as_the_folder_is_not_a_directory_as_opendir_says()
    {
        using var temp = new TempDir();
        var file = System.IO.Path.Combine(temp.Path, "file");
        File.WriteAllText(file, "");
        foreach (var path in new[] { file, file + "/below" })
        {
            var result = Compile(path, "dts");
            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"FATAL ERROR: Couldn't opendir() \"{path}\": Not a directory", Assert.Single(result.Diagnostics).Display);
        }
        Assert.EndsWith(": No such file or directory", Assert.Single(Compile(temp.Path + "/missing", "dts").Diagnostics).Display);
        var loop = System.IO.Path.Combine(temp.Path, "loop1");
        File.CreateSymbolicLink(loop, "loop2");
        File.CreateSymbolicLink(System.IO.Path.Combine(temp.Path, "loop2"), "loop1");
        Assert.EndsWith(": Too many levels of symbolic links", Assert.Single(Compile(loop, "dts").Diagnostics).Display);
    }

    [Fact]
    public void Entries_with_non_ASCII_names_name_nodes_and_properties_by_their_bytes()
    {
        using var temp = new TempDir();
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "nœud"));
        File.WriteAllBytes(Path.Combine(folder, "nœud", "café"), [0, 0, 0, 1]);
        // the names fail dtc's name checks (ERROR: bad character): forced, as a stripped folder would need
        var dtc = ExternalDtc.Run("-q", "-f", "-I", "fs", "-O", "dtb", folder);
        var ours = DtcDriver.Run(new DtcSettings
        {
            Input = folder, InputFormat = "fs", OutputFormat = "dtb", Compile = new CompileOptions { Quiet = 1, Force = true },
        });
        Assert.Equal(0, dtc.ExitCode);
        Assert.Equal(dtc.Stdout, ours.Output);
        Assert.Equal(dtc.Stderr, string.Concat(ours.Diagnostics.Select(d => d.Printed)));
        // the tree holds the UTF-8 bytes, one char each, as every name read from a blob or a source does
        var text = System.Text.Encoding.Latin1.GetString(DtcDriver.Run(new DtcSettings
        {
            Input = folder, InputFormat = "fs", OutputFormat = "dts", Compile = new CompileOptions { Quiet = 2, Force = true },
        }).Output!);
        Assert.Contains("n\u00c5\u0093ud {", text);
        Assert.Contains("caf\u00c3\u00a9 = <0x01>;", text);
    }

    [Fact]
    public void A_link_back_to_an_ancestor_stops_where_dtc_stops()
    {
        using var temp = new TempDir();
        var folder = temp.Path;
        Directory.CreateDirectory(Path.Combine(folder, "a"));
        File.WriteAllBytes(Path.Combine(folder, "compatible"), "board\0"u8.ToArray());
        File.CreateSymbolicLink(Path.Combine(folder, "a", "loop"), "..");
        var dtc = ExternalDtc.Run("-q", "-I", "fs", "-O", "dtb", folder);
        var ours = Compile(folder, "dtb");
        Assert.Equal(1, dtc.ExitCode);
        Assert.Equal(dtc.ExitCode, ours.ExitCode);
        Assert.EndsWith("): Too many levels of symbolic links", Assert.Single(ours.Diagnostics).Display);
        Assert.Equal(dtc.Stderr.TrimEnd('\n'), ours.Diagnostics[0].Display);
    }
}
