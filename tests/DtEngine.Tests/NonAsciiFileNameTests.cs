using System.Text;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A file name is bytes to dtc and cpp: written in a source (/include/, /incbin/, #include, a line marker) or given
/// on the command line, the same UTF-8 bytes name the file, show in messages and land in line markers and -T
/// comments. The expected texts below are what dtc 1.8.1 and GNU cpp 12 print for the same files. Messages are
/// bytes, one char each (<see cref="Diagnostics.Diagnostic"/>): a file name shows there as its UTF-8 bytes.
/// </summary>
public sealed class NonAsciiFileNameTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("viommu-josé-");

    public void Dispose() => _dir.Delete(true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        return path;
    }

    private static string Utf8Bytes(string s) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Include_and_incbin_open_the_file_their_bytes_name()
    {
        Write("inc-é.dtsi", "/ { k@1 { }; };\n");
        var source = Write("u.dts", "/dts-v1/;\n/include/ \"inc-é.dtsi\"\n/ { blob = /incbin/(\"inc-é.dtsi\"); };\n");
        var result = DtcDriver.Run(new DtcSettings { Input = source, InputFormat = "dts", OutputFormat = "dts", Annotate = 1 });
        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.Diagnostics);
        Assert.Equal(Utf8Bytes($"{_dir.FullName}/inc-é.dtsi:1.9-13: Warning (unit_address_vs_reg): /k@1: node has a unit name, but no reg or ranges property"), warning.Display);
        // the -T comments hold the name's UTF-8 bytes, as the DTS output holds the tree's bytes (dtc 1.8.1's output)
        Assert.Equal(Utf8Bytes("""
            /dts-v1/;

            / { /* inc-é.dtsi:1, u.dts:3 */
            	blob = <0x2f207b20 0x6b403120 0x7b207d3b 0x207d3b0a>; /* u.dts:3 */

            	k@1 { /* inc-é.dtsi:1 */
            	}; /* inc-é.dtsi:1 */
            }; /* inc-é.dtsi:1, u.dts:3 */

            """), Encoding.Latin1.GetString(result.Output!));
    }

    [Fact]
    public void A_line_marker_names_the_file_of_what_follows_in_messages()
    {
        // cpp's markers for a path with non-ASCII characters hold the path's UTF-8 bytes
        var source = Write("t.dts", "/dts-v1/;\n/ { n@1 { }; };\n# 1 \"/x/café.dtsi\"\n/ { m@1 { }; };\n");
        var result = DtcDriver.Run(new DtcSettings { Input = source, InputFormat = "dts", OutputFormat = "dtb" });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            [
                Utf8Bytes($"{_dir.FullName}/t.dts:2.9-13: Warning (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property"),
                Utf8Bytes("/x/café.dtsi:1.9-13: Warning (unit_address_vs_reg): /m@1: node has a unit name, but no reg or ranges property"),
            ],
            result.Diagnostics.Select(d => d.Display));
    }

    [Fact]
    public void Cpp_finds_an_include_by_its_bytes_and_writes_them_in_its_markers_and_FILE()
    {
        Write("inc-é.dtsi", "/ { k = __FILE__; };\n");
        var source = Write("c.dts", "#include \"inc-é.dtsi\"\n/ { a = \"é\"; };\n");
        var result = CPreprocessor.Run(source, new PpOptions());
        Assert.False(result.Failed, string.Join("\n", result.Messages.Select(m => m.Display)));
        var text = result.Text; // one char per byte
        var inc = Utf8Bytes($"{_dir.FullName}/inc-é.dtsi");
        Assert.Contains($"# 1 \"{inc}\" 1\n/ {{ k = \"{inc}\"; }};\n", text);
        Assert.Contains($"# 2 \"{Utf8Bytes(source)}\" 2\n/ {{ a = \"{Utf8Bytes("é")}\"; }};", text);
    }

    [Fact]
    public void Missing_files_are_named_by_their_bytes()
    {
        var source = Write("m.dts", "/dts-v1/;\n/include/ \"missé.dtsi\"\n");
        var result = DtcDriver.Run(new DtcSettings { Input = source, InputFormat = "dts", OutputFormat = "dtb" });
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Utf8Bytes("FATAL ERROR: Couldn't open \"missé.dtsi\": No such file or directory"), Assert.Single(result.Diagnostics).Display);

        var input = Path.Combine(_dir.FullName, "nothing-é.dtb");
        result = DtcDriver.Run(new DtcSettings { Input = input, InputFormat = "dtb", OutputFormat = "dts" });
        Assert.Equal(Utf8Bytes($"FATAL ERROR: Couldn't open \"{input}\": No such file or directory"), Assert.Single(result.Diagnostics).Display);
    }

    [Fact]
    public void A_corrupt_blob_is_located_by_its_file_name_bytes()
    {
        var blob = Write("bad-é.dtb", "not a blob");
        var result = DtcDriver.Run(new DtcSettings { Input = blob, InputFormat = "dtb", OutputFormat = "dts" });
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(Utf8Bytes($"FATAL ERROR: {blob}: byte offset 0 (0x0): Blob has incorrect magic number"), Assert.Single(result.Diagnostics).Display);
    }

    [Fact]
    public void Check_messages_name_the_output_by_its_bytes()
    {
        // a blob's check messages have no source position: dtc names the output file
        var blob = Write("k.dtb", "");
        File.WriteAllBytes(blob, DtcDriver.Run(new DtcSettings { Input = Write("k.dts", "/dts-v1/;\n/ { n@1 { }; };\n"), OutputFormat = "dtb" }).Output!);
        var output = Path.Combine(_dir.FullName, "out-é.dts");
        var result = DtcDriver.Run(new DtcSettings { Input = blob, InputFormat = "dtb", OutputFormat = "dts", OutputName = output });
        Assert.Equal(Utf8Bytes($"{output}: Warning (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property"),
            Assert.Single(result.Diagnostics).Display);
    }

    [Fact]
    public void Cpp_messages_hold_file_names_and_source_text_as_bytes()
    {
        // GNU cpp 12 (assembler-with-cpp): the warning's text is the line's bytes (here UTF-8 and a stray 0xff), the
        // names their bytes
        var source = Path.Combine(_dir.FullName, "w.dts");
        File.WriteAllBytes(source, [.. Encoding.UTF8.GetBytes("#warning café "), 0xff, .. Encoding.UTF8.GetBytes("\n#include \"missé.h\"\n")]);
        var result = CPreprocessor.Run(source, new PpOptions());
        Assert.True(result.Failed);
        Assert.Equal(
            [
                Utf8Bytes($"{source}:1:2: warning: #warning café ") + "\u00ff [-Wcpp]",
                Utf8Bytes($"{source}:2:10: fatal error: missé.h: No such file or directory"),
            ],
            result.Messages.Select(m => m.Display));
    }
}
