using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>The make rules of <c>-M</c>, <c>-MT</c>, <c>-MQ</c> and <c>-MP</c>; each expected text is GNU cpp 12.2's
/// for the same targets and files.</summary>
public class DependencyRuleTests
{
    private static readonly string[] Long =
    [
        "long.dts", "w/dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.h", "w/a.h", "w/bb.h",
        "w/ccccccccccccccccccccccccccccccccccc.h", "w/e.h",
        "w/fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff.h", "w/g.h",
    ];

    private static MakeTarget T(string name) => new(name, Quoted: false);
    private static MakeTarget Q(string name) => new(name, Quoted: true);

    [Fact]
    public void Names_lose_their_leading_dot_slashes()
        => Assert.Equal("x.o: t.dts a/b.h sub/k.h\n", DependencyFile.Rule([T("./x.o")], ["./t.dts", ".//a/b.h", "././sub/k.h"], phony: false));

    [Fact]
    public void Unquoted_targets_come_first_and_quoted_ones_are_quoted_for_make()
    {
        Assert.Equal("d e$f a\\ b$$c: t.dts\n", DependencyFile.Rule([Q("a b$c"), T("d e$f")], ["t.dts"], false));
        Assert.Equal("c d a b: t.dts\n", DependencyFile.Rule([Q("a"), Q("b"), T("c"), T("d")], ["t.dts"], false));
    }

    [Fact]
    public void Backslashes_before_a_blank_are_doubled()
        => Assert.Equal("a\\#b\\\\\\ c tab\\\tx x\\\\\\\\\\ y: t.dts\n",
            DependencyFile.Rule([Q("a#b\\ c"), Q("tab\tx"), Q("x\\\\ y")], ["t.dts"], false));

    [Fact]
    public void Lines_wrap_before_a_name_that_would_end_past_column_72()
    {
        Assert.Equal("x.o: long.dts \\\n w/dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd.h w/a.h \\\n"
                     + " w/bb.h w/ccccccccccccccccccccccccccccccccccc.h w/e.h \\\n"
                     + " w/fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff.h \\\n w/g.h\n",
            DependencyFile.Rule([T("x.o")], Long, false));
        // even before the first dependency
        Assert.StartsWith("a-very-long-target-name-that-goes-on-and-on-and-on-for-a-while.o: \\\n long.dts \\\n",
            DependencyFile.Rule([T("a-very-long-target-name-that-goes-on-and-on-and-on-for-a-while.o")], Long, false));
    }

    [Fact]
    public void Phony_rules_follow_without_a_blank_line()
        => Assert.Equal("t.o: t.dts sub/k.h w/a.h\nsub/k.h:\nw/a.h:\n",
            DependencyFile.Rule([DependencyFile.DefaultTarget("./t.dts")], ["t.dts", "./sub/k.h", "w/a.h"], phony: true));

    [Fact]
    public void Standard_input_gets_the_target_dash_and_no_rule_when_nothing_was_read()
    {
        Assert.Equal("-: sub/k.h\n", DependencyFile.Rule([DependencyFile.DefaultTarget("-")], ["sub/k.h"], false));
        Assert.Equal("", DependencyFile.Rule([DependencyFile.DefaultTarget("-")], [], false));
        Assert.Equal(".o", DependencyFile.DefaultTarget("dir/.dts").Name);
    }
}
