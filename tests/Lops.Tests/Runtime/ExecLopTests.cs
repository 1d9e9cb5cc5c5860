using static Viommu.Lops.Tests.Runtime.LopHarness;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Lopper's exec lop: run another lop of the file by reference.</summary>
public sealed class ExecLopTests
{
    [Fact]
    public void Exec_runs_the_referenced_lop_which_does_not_run_on_its_own()
    {
        var o = Run(Tree, LopFile("""
            tag_it: t { compatible = "system-device-tree-v1,lop,modify"; noexec; modify = ":tag:hit"; };
            s { compatible = "system-device-tree-v1,lop,select-v1"; select_1; select_2 = "/amba/serial@2000"; };
            x { compatible = "system-device-tree-v1,lop,exec"; exec = <&tag_it>; };
            """));
        Assert.True(o.Ok, o.Messages);
        var tagged = o.Tree.Root.Walk().Where(n => n.GetProperty("tag") is not null).Select(n => n.Path).ToArray();
        Assert.Equal(new[] { "/amba/serial@2000" }, tagged);
    }

    [Fact]
    public void Exec_naming_no_lop_is_a_located_error()
    {
        var o = Run(Tree, LopFile("""
            x { compatible = "system-device-tree-v1,lop,exec"; exec = <0x99>; };
            """));
        Assert.False(o.Ok);
        Assert.Matches(@"lop0\.dts:\d+:\d+: error: lop 'x' \(system-device-tree-v1,lop,exec\): exec = <0x99> names no lop", o.Messages);
    }
}
