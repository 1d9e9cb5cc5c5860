using Viommu.DtEngine.Compile;
using Viommu.Testing;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A name that finds a folder: dtc opens it (fopen succeeds on a folder) and fails at its first read, with a message
/// and exit status that depend on what it read the file as. The texts are dtc 1.8.1's.
/// </summary>
public sealed class FolderInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public FolderInputTests()
    {
        Directory.CreateDirectory(_dir.File("folder"));
        Directory.CreateDirectory(_dir.File("first"));
        Directory.CreateDirectory(_dir.File("first/x.dtsi"));
        Directory.CreateDirectory(_dir.File("second"));
        _dir.File("second/x.dtsi", "/ { b; };\n");
    }

    public void Dispose() => _dir.Dispose();

    private DtcResult Run(string input, string? inputFormat = null, params string[] includePaths) => DtcDriver.Run(new DtcSettings
    {
        Input = _dir.File(input), InputFormat = inputFormat, OutputFormat = "dtb", IncludePaths = includePaths.Select(_dir.File).ToList(),
    });

    [Fact]
    public void A_source_that_is_a_folder_fails_in_the_scanner_with_status_2()
    {
        _dir.File("inc.dts", "/dts-v1/;\n/ { };\n/include/ \"folder\"\n");
        foreach (var result in new[] { Run("inc.dts"), Run("folder", "dts") })
        {
            Assert.Equal(2, result.ExitCode);
            Assert.Null(result.Output);
            var message = Assert.Single(result.Diagnostics);
            Assert.Equal("input in flex scanner failed", message.Display);
            Assert.True(message.EndsLine);
            Assert.False(result.InputRead);
        }
    }

    [Fact]
    public void An_include_takes_a_folder_found_in_an_earlier_search_path_over_a_file_in_a_later_one()
    {
        _dir.File("top.dts", "/dts-v1/;\n/ { };\n/include/ \"x.dtsi\"\n");
        var folderFirst = Run("top.dts", null, "first", "second");
        Assert.Equal(2, folderFirst.ExitCode);
        Assert.Equal([_dir.File("top.dts"), _dir.File("first") + "/x.dtsi"], folderFirst.Dependencies);
        var fileFirst = Run("top.dts", null, "second", "first");
        Assert.Equal(0, fileFirst.ExitCode);
        Assert.True(fileFirst.InputRead);
    }

    [Fact]
    public void An_incbin_of_a_folder_fails_reading_it_into_data_without_a_line_end()
    {
        _dir.File("bin.dts", "/dts-v1/;\n/ { a = /incbin/(\"folder\"); };\n");
        var result = Run("bin.dts");
        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(result.Diagnostics);
        Assert.Equal("FATAL ERROR: Error reading file into data: Is a directory", message.Display);
        Assert.False(message.EndsLine);
    }

    [Fact]
    public void A_blob_that_is_a_folder_fails_reading_its_magic_number()
    {
        var result = Run("folder", "dtb");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal("FATAL ERROR: Error reading DT blob magic number: Is a directory\n", Assert.Single(result.Diagnostics).Printed);
    }
}
