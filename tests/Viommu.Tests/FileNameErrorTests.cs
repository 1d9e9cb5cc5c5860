namespace Viommu.Cli.Tests;

/// <summary>An empty file name, a missing file or a folder where a file is wanted: a located message in strerror's
/// words and status 1 from every command, never an internal error or .NET's (or, in the published binary, its resource
/// keys': "IO_FileNotFound_FileName, /x").</summary>
public class FileNameErrorTests
{
    private static string Example(string name) => Path.Combine(Repo.Root, "examples", "xen", "multi-smmu", name);

    [Theory]
    // dtc 1.8.1's words for its two outputs
    [InlineData(new[] { "dtc", "-o", "", "a.dts" }, "FATAL ERROR: Couldn't open output file : No such file or directory\n")]
    [InlineData(new[] { "dtc", "-d", "", "-o", "a.dtb", "a.dts" }, "FATAL ERROR: Couldn't open dependency file : No such file or directory\n")]
    // gcc's driver
    [InlineData(new[] { "cpp", "-o", "", "a.dts" }, "viommu cpp: fatal error: output filename may not be empty\ncompilation terminated.\n")]
    [InlineData(new[] { "overlay", "-i", "", "-o", "out.dtb", "a.dts" }, ": error: cannot read the base blob: No such file or directory\n")]
    [InlineData(new[] { "overlay", "-i", "folder", "-o", "out.dtb", "a.dts" }, "folder: error: cannot read the base blob: Is a directory\n")]
    [InlineData(new[] { "run", "" }, ": error: cannot read: No such file or directory\n")]
    [InlineData(new[] { "run", "folder" }, "folder: error: cannot read: Is a directory\n")]
    [InlineData(new[] { "smmu", "" }, ": error: cannot read scenario: No such file or directory\n")]
    [InlineData(new[] { "xen", "validate", "--host", "HOST", "--partial", "PARTIAL", "--xl-cfg", "missing.cfg" }, "Error: missing.cfg cannot read: No such file or directory\n")]
    [InlineData(new[] { "xen", "validate", "--host", "HOST", "--partial", "PARTIAL", "--xl-cfg", "folder" }, "Error: folder cannot read: Is a directory\n")]
    public void Names_that_cannot_be_read_or_written_get_strerrors_words(string[] args, string stderr)
    {
        using var dir = new TempDir();
        dir.File("a.dts", "/dts-v1/;\n/ { };\n");
        Directory.CreateDirectory(dir.File("folder"));
        var resolved = args.Select(a => a switch { "HOST" => Example("host.dts"), "PARTIAL" => Example("partial.dts"), _ => a }).ToArray();
        var r = Cli.Run(dir.Path, resolved);
        Assert.Equal(stderr, r.Stderr);
        Assert.Equal(1, r.ExitCode);
    }
}
