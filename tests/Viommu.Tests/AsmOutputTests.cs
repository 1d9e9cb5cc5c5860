namespace Viommu.Cli.Tests;

/// <summary>
/// <c>viommu dtc -O asm</c> against dtc 1.8.1 (<c>AsmOutput/</c>): labels on reserve entries, nodes, properties and
/// inside values; values that end in a partial cell; every blob version; -R -S -p -a -b; the nodes dtc generates
/// after filling in paths; a name with an empty base; a blob as input.
/// </summary>
public class AsmOutputTests
{
    private const string Folder = "AsmOutput";

    public static TheoryData<string, string, string> Cases() => DtcOutputCases.Read(Folder);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exit_status_messages_and_output_are_dtc_1_8_1s(string name, string source, string options)
        => DtcOutputCases.Check(Folder, "asm", name, source, options);

    [Fact]
    public void Every_case_has_its_expected_file_and_the_versions_are_all_there()
    {
        var cases = Cases();
        Assert.True(cases.Count >= 12);
        DtcOutputCases.AssertEveryCaseHasItsFile(Folder);
        foreach (var v in new[] { "-V 1", "-V 2", "-V 3", "-V 16" }) Assert.Contains(cases, row => ((string)row[2]).Contains(v));
    }
}
