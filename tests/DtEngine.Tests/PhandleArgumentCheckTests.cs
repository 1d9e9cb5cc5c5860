using System.Text;
using Viommu.DtEngine.Compile;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The phandle-argument checks (clocks, gpios, iommus, ...) ask, cell by cell, whether a phandle reference sits at
/// that cell. Labels may share a cell with a reference or stand alone on a literal; long lists must give dtc's
/// warnings at the same cells.
/// </summary>
public class PhandleArgumentCheckTests
{
    [Fact]
    public void Literal_phandles_among_references_are_reported_at_dtc_cells()
    {
        var longList = new StringBuilder();
        for (var i = 0; i < 300; i++) longList.Append(i % 7 == 3 ? " 3 9" : $" &clk {i}");
        var source = $$"""
            /dts-v1/;
            / {
                clk: clk { #clock-cells = <1>; phandle = <3>; };
                gpio: gpio { #gpio-cells = <2>; };
                dev {
                    clocks = <&clk 1 lbl: 3 2 &clk 5>, <l2: &clk 4>;
                    resets = <&clk 1 l3: &clk 2 l4: 3>;
                    x-gpios = <&gpio 1 2 &gpio 3 4>, <&gpio 5 6 3 0 0>;
                };
                dev2 {
                    clocks = <{{longList}}>;
                };
            };
            """;
        var path = Path.Combine(Path.GetTempPath(), $"viommu-phandle-args-{Environment.ProcessId}.dts");
        File.WriteAllText(path, source);
        try
        {
            var dtc = ExternalDtc.Run("-I", "dts", "-O", "dtb", "-o", "/dev/null", path);
            var ours = DtcDriver.Run(new DtcSettings { Input = path, InputFormat = "dts", OutputFormat = "dtb" });
            var expected = dtc.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains(expected, l => l.Contains("/dev2:clocks: cell 286 is not a phandle reference"));
            Assert.Equal(expected, ours.Diagnostics.Select(d => d.Display).ToArray());
            Assert.Equal(dtc.ExitCode, ours.ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
