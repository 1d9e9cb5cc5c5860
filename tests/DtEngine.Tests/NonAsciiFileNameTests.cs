using System.Text;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A file name is bytes to dtc and cpp: written in a source (/include/, /incbin/, #include, a line marker) or given
/// on the command line, the same UTF-8 bytes name the file, show in messages and land in line markers and -T
/// comments. The expected texts below are what dtc 1.8.1 and GNU cpp 12 print for the same files.
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
        Assert.Equal($"{_dir.FullName}/inc-é.dtsi:1.9-13: Warning (unit_address_vs_reg): /k@1: node has a unit name, but no reg or ranges property", warning.Display);
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
                $"{_dir.FullName}/t.dts:2.9-13: Warning (unit_address_vs_reg): /n@1: node has a unit name, but no reg or ranges property",
                "/x/café.dtsi:1.9-13: Warning (unit_address_vs_reg): /m@1: node has a unit name, but no reg or ranges property",
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
}
