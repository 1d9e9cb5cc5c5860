namespace Viommu.Cli.Tests;

/// <summary>
/// <c>viommu dtc -O yaml</c> against dtc 1.8.1 built with libyaml 0.2.5 (<c>YamlOutput/</c>): every chunk type and
/// phandle tags, lines libyaml breaks inside flow sequences and inside strings at a space, escapes, names that must
/// be quoted (a node name then carries "!"), a key past libyaml's 128-character limit for simple keys, an empty node,
/// the generated nodes, and the refusal of a blob as input.
/// </summary>
public class YamlOutputTests
{
    private const string Folder = "YamlOutput";

    public static TheoryData<string, string, string> Cases() => DtcOutputCases.Read(Folder);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exit_status_messages_and_output_are_dtc_1_8_1s(string name, string source, string options)
        => DtcOutputCases.Check(Folder, "yaml", name, source, options);

    [Fact]
    public void Every_case_has_its_expected_file() => DtcOutputCases.AssertEveryCaseHasItsFile(Folder);

    [Fact]
    public void A_string_dtc_would_abort_on_is_a_fatal_error_naming_the_property()
    {
        // dtc asserts that strings are 7-bit ASCII and aborts (exit 134): here the run fails with a message
        using var dir = new TempDir();
        var source = dir.File("latin.dts", "/dts-v1/;\n/ {\n\tmodel = \"caf\\xe9\";\n};\n");
        var result = Cli.Run(dir.Path, "dtc", "-O", "yaml", source);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FATAL ERROR: YAML output cannot hold property 'model': a string part of its value is not 7-bit ASCII", result.Stderr);
        Assert.Empty(result.Stdout);
    }
}
