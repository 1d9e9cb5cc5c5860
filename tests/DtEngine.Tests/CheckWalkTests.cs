using Viommu.DtEngine.Compile;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The checks walk a node's properties over a snapshot; the reference fix-up appends a phandle to a node that
/// references itself during that walk. The result must still be dtc's, whatever the phandle format.
/// </summary>
public class CheckWalkTests
{
    private const string SelfReference = """
        /dts-v1/;
        / {
            a: a {
                first = <&a 1>;
                self = <&a>;
                path = &b;
                later = <&b 2>, <&a 3>;
            };
            b: b {
                back = <&a>, <&b>;
            };
        };
        """;

    [Theory]
    [InlineData(PhandleFormat.Legacy)]
    [InlineData(PhandleFormat.Epapr)]
    [InlineData(PhandleFormat.Both)]
    public void Self_references_resolve_as_dtc_resolves_them(PhandleFormat format)
    {
        var phandleFormat = format.ToString().ToLowerInvariant(); // dtc's -H names
        var source = Path.Combine(Path.GetTempPath(), $"viommu-self-ref-{Environment.ProcessId}-{phandleFormat}.dts");
        File.WriteAllText(source, SelfReference);
        try
        {
            var dtc = ExternalDtc.Run("-q", "-H", phandleFormat, "-I", "dts", "-O", "dtb", source);
            Assert.Equal(0, dtc.ExitCode);
            var ours = DtcDriver.Run(new DtcSettings
            {
                Input = source,
                InputFormat = "dts",
                OutputFormat = "dtb",
                Compile = new CompileOptions { Quiet = 1, PhandleFormat = format },
            });
            Assert.Equal(0, ours.ExitCode);
            Assert.Equal(dtc.Stdout, ours.Output);
        }
        finally
        {
            File.Delete(source);
        }
    }
}
