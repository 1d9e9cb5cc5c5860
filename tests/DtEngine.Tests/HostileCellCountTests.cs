using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// #address-cells is whatever the input says: the checks index cells with it (dtc reads past the value there) and
/// must read 0 past the end, neither throw nor loop over billions of cells.
/// </summary>
public class HostileCellCountTests
{
    private static string Messages(string body)
    {
        var bag = new DiagnosticBag();
        var tree = DtsParser.ParseText("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>;\n" + body + "\n};", bag, "t.dts")!;
        Assert.NotNull(tree);
        DtCompiler.Process(tree, new CompileOptions(), bag);
        return string.Join("\n", bag.Items.Select(d => d.Display));
    }

    [Fact]
    public void A_huge_own_address_cells_reads_the_ranges_past_their_end_as_zero()
    {
        var messages = Messages("""
            bus { compatible = "simple-bus"; #address-cells = <1>; #size-cells = <1>; ranges;
                sub@5 { #address-cells = <0x7ffffff0>; #size-cells = <1>; ranges = <0 0 0x1000>; };
            };
            """);
        Assert.Contains("(simple_bus_reg): /bus/sub@5: simple-bus unit address format error, expected \"0\"", messages);
    }

    [Fact]
    public void A_huge_parent_address_cells_takes_the_last_two_cells_only()
    {
        // 0x7fffffff cells would be shifted in one by one; all but the last two fall out of 64 bits
        var messages = Messages("""
            bus { compatible = "simple-bus"; #address-cells = <0x7fffffff>; #size-cells = <0>; ranges;
                sub@5 { #address-cells = <1>; #size-cells = <1>; ranges = <0 0 0x1000>; };
            };
            """);
        Assert.Contains("(simple_bus_reg): /bus/sub@5: simple-bus unit address format error, expected \"0\"", messages);
    }
}
