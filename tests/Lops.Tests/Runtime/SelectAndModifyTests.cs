using static Viommu.Lops.Tests.Runtime.LopHarness;

namespace Viommu.Lops.Tests.Runtime;

/// <summary>Lopper's select and modify semantics on a small tree.</summary>
public sealed class SelectAndModifyTests
{
    private static string Select(string selects, string modify = ":tag:hit") => LopFile($$"""
            s { compatible = "system-device-tree-v1,lop,select-v1"; {{selects}} };
            m { compatible = "system-device-tree-v1,lop,modify"; modify = "{{modify}}"; };
        """);

    private static string[] Tagged(Outcome o) =>
        o.Tree.Root.Walk().Where(n => n.GetProperty("tag") is not null).Select(n => n.Path).ToArray();

    [Fact]
    public void A_path_regex_with_a_property_test_selects_and_modify_edits_the_selection()
    {
        var o = Run(Tree, Select("select_1; select_2 = \"/amba/.*:compatible:arm,pl011\";"));
        Assert.True(o.Ok, o.Messages);
        Assert.Equal(new[] { "/amba/serial@1000", "/amba/serial@2000" }, Tagged(o));
    }

    [Fact]
    public void A_select_without_a_regex_filters_the_previous_selection()
    {
        var o = Run(Tree, Select("select_1; select_2 = \"/amba/.*:compatible:arm,pl011\"; select_3 = \":status:okay\";"));
        Assert.Equal(new[] { "/amba/serial@1000" }, Tagged(o));
    }

    [Fact]
    public void Two_regex_selects_are_an_or()
    {
        var o = Run(Tree, Select("select_1; select_2 = \"/cpus/.*:compatible:cortex-a72\"; select_3 = \"/amba/ethernet@3000\";"));
        Assert.Equal(new[] { "/cpus/cpu@1", "/amba/ethernet@3000" }, Tagged(o));
    }

    [Fact]
    public void Inverted_values_presence_and_absence_and_labels()
    {
        Assert.Equal(new[] { "/amba/serial@2000" }, Tagged(Run(Tree, Select("select_1; select_2 = \"/amba/serial.*:status:!okay\";"))));
        Assert.Equal(new[] { "/amba/serial@1000", "/amba/serial@2000", "/amba/ethernet@3000/phy" },
            Tagged(Run(Tree, Select("select_1; select_2 = \"/amba/.*:status:\";"))));
        Assert.Equal(new[] { "/amba", "/amba/ethernet@3000" }, Tagged(Run(Tree, Select("select_1; select_2 = \"/amba.*:!status:\";"))));
        Assert.Equal(new[] { "/amba/serial@2000" }, Tagged(Run(Tree, Select("select_1; select_2 = \"uart1\";"))));
    }

    [Fact]
    public void Lookarounds_and_backreferences_select()
    {
        // Python regex constructs beyond plain alternation and repetition
        Assert.Equal(new[] { "/amba/serial@1000" }, Tagged(Run(Tree, Select("select_1; select_2 = \"/amba/serial@(?!2)\";"))));
        Assert.Equal(new[] { "/cpus/cpu@0", "/cpus/cpu@1" }, Tagged(Run(Tree, Select("select_1; select_2 = \"/(c)pus/\\\\1pu@\";"))));
    }

    [Fact]
    public void Nothing_selected_makes_a_selection_modify_a_warning()
    {
        var o = Run(Tree, Select("select_1; select_2 = \"/nothing-here\";"));
        Assert.True(o.Ok);
        Assert.Contains("no nodes supplied to modify, and no nodes are selected", o.Messages);
    }

    private static Outcome Modify(params string[] modifies) =>
        Run(Tree, LopFile(string.Join("\n", modifies.Select((m, i) => $"m{i} {{ compatible = \"system-device-tree-v1,lop,modify\"; modify = \"{m}\"; }};"))));

    [Fact]
    public void Property_values_are_typed_as_Lopper_types_them()
    {
        var o = Modify("/cpus/cpu@0:listval:<0xF 0x5>", "/cpus/cpu@0:liststring:'four','five'", "/cpus/cpu@0:singlestring:newcpu",
            "/cpus/cpu@0:singleval:<5>", "/:pnode-id:0x7", "/:model:this is a test");
        Assert.True(o.Ok, o.Messages);
        Assert.Equal("<0xf 0x5>", Prop(o.Tree, "/cpus/cpu@0", "listval"));
        Assert.Equal("\"four\",\"five\"", Prop(o.Tree, "/cpus/cpu@0", "liststring"));
        Assert.Equal("\"newcpu\"", Prop(o.Tree, "/cpus/cpu@0", "singlestring"));
        Assert.Equal("<0x5>", Prop(o.Tree, "/cpus/cpu@0", "singleval"));
        Assert.Equal("<0x7>", Prop(o.Tree, "/", "pnode-id"));
        Assert.Equal("\"this is a test\"", Prop(o.Tree, "/", "model"));
    }

    [Fact]
    public void Node_delete_rename_and_move()
    {
        var o = Modify("/anode_to_delete::", "/cpus::cpus_a72", "/amba/ethernet@3000::/cpus_a72/ethernet@3000");
        Assert.True(o.Ok, o.Messages);
        Assert.Null(o.Tree.FindByPath("/anode_to_delete"));
        Assert.Null(o.Tree.FindByPath("/cpus"));
        Assert.NotNull(o.Tree.FindByPath("/cpus_a72/cpu@1"));
        Assert.NotNull(o.Tree.FindByPath("/cpus_a72/ethernet@3000/phy"));
        Assert.Null(o.Tree.FindByPath("/amba/ethernet@3000"));
    }

    [Fact]
    public void Property_delete_covers_the_node_and_its_subnodes()
    {
        var o = Modify("/amba/ethernet@3000:status:", "/amba/ethernet@3000:reg:");
        Assert.Equal("<none>", Prop(o.Tree, "/amba/ethernet@3000", "reg"));
        Assert.Equal("<none>", Prop(o.Tree, "/amba/ethernet@3000/phy", "reg"));
        Assert.Equal("<none>", Prop(o.Tree, "/amba/ethernet@3000/phy", "status"));
    }

    [Fact]
    public void A_label_reference_is_the_node_phandle_made_on_demand()
    {
        var o = Modify("/amba/ethernet@3000:uart:&uart1", "/amba/ethernet@3000:regcopy:&uart1#reg");
        Assert.True(o.Ok, o.Messages);
        var uart = o.Tree.FindByPath("/amba/serial@2000")!;
        Assert.NotEqual(0u, uart.Phandle);
        Assert.Equal($"<0x{uart.Phandle:x}>", Prop(o.Tree, "/amba/ethernet@3000", "uart"));
        Assert.Equal("<0x2000 0x100>", Prop(o.Tree, "/amba/ethernet@3000", "regcopy"));
    }

    [Fact]
    public void Conditional_runs_true_and_false_blocks_per_node()
    {
        var o = Run(Tree, LopFile("""
            c {
                compatible = "system-device-tree-v1,lop,conditional-v1";
                cond_root = "cpus";
                cpus { cpu { compatible = "arm,cortex-a72"; }; };
                true_1 { compatible = "system-device-tree-v1,lop,print"; print = "a72"; };
                false_1 { compatible = "system-device-tree-v1,lop,print"; print = "other"; };
            };
            """));
        Assert.True(o.Ok, o.Messages);
        Assert.Equal("a72\nother\n", o.Printed);
    }
}
