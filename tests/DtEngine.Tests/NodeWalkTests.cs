using Viommu.DtEngine.Checks;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The checks' walk is listed once for all checks; nodes marked deleted while the checks run, and properties added,
/// removed or renamed by the fix-ups, must be seen by the checks that run after, as a fresh walk would see them.
/// </summary>
public class NodeWalkTests
{
    private const string Source = """
        /dts-v1/;
        / {
            x { k = <1>; y { k = <2>; }; };
            z { };
            w { k = <3>; };
        };
        """;

    private static DeviceTree Parse(string source)
        => DtsParser.ParseText(source, new DiagnosticBag()) ?? throw new InvalidOperationException("test source");

    private static readonly Check Probe = new("probe", null, true, false);

    private static List<string> Visited(NodeWalk walk, string? key = null)
    {
        var seen = new List<string>();
        void Record(Check c, CheckContext ctx, DtNode node) => seen.Add(node.Path);
        if (key is null) walk.Visit(Probe, null!, Record);
        else walk.VisitHolders(Probe, null!, Record, key);
        return seen;
    }

    private static KeyNames Keys(params string[] names)
    {
        var keys = new KeyNames();
        foreach (var name in names) keys.Add(name);
        return keys;
    }

    [Fact]
    public void Deletions_during_a_check_skip_what_a_recursive_walk_skips()
    {
        var tree = Parse("""
            /dts-v1/;
            / { a { a1 { }; }; b { b1 { }; }; c { }; };
            """);
        var walk = new NodeWalk(tree.Root, Keys());
        var seen = new List<string>();
        walk.Visit(Probe, null!, (c, ctx, node) =>
        {
            seen.Add(node.Path);
            if (node.Name != "a") return;
            node.Deleted = true;                    // its own mark: its children are still visited, as in dtc
            tree.FindByPath("/b")!.MarkDeleted();   // a later node: skipped with everything under it
        });
        Assert.Equal(["/", "/a", "/a/a1", "/c"], seen);
        Assert.Equal(["/", "/c"], Visited(walk));
    }

    [Fact]
    public void Nodes_deleted_before_the_walk_is_listed_are_left_out()
    {
        var tree = Parse(Source);
        tree.FindByPath("/x")!.Deleted = true; // the mark alone: /x/y is left out too, as the recursion never reached it
        Assert.Equal(["/", "/z", "/w"], Visited(new NodeWalk(tree.Root, Keys())));
    }

    [Fact]
    public void A_keyed_check_visits_the_holders_in_walk_order()
    {
        var walk = new NodeWalk(Parse(Source).Root, Keys("k", "m"));
        Assert.Equal(["/x", "/x/y", "/w"], Visited(walk, "k"));
        Assert.Empty(Visited(walk, "m"));
        Assert.Throws<ArgumentException>(() => Visited(walk, "not-a-key"));
    }

    [Fact]
    public void Holders_follow_added_renamed_and_removed_properties()
    {
        var tree = Parse(Source);
        var walk = new NodeWalk(tree.Root, Keys("k", "m"));
        Assert.Equal(["/x", "/x/y", "/w"], Visited(walk, "k"));

        tree.FindByPath("/z")!.AddProperty(new DtProperty("k", PropertyValue.FromCells(4)));
        Assert.Equal(["/x", "/x/y", "/z", "/w"], Visited(walk, "k"));

        tree.FindByPath("/w")!.GetProperty("k")!.Name = "m";
        Assert.Equal(["/x", "/x/y", "/z"], Visited(walk, "k"));
        Assert.Equal(["/w"], Visited(walk, "m"));

        var y = tree.FindByPath("/x/y")!;
        y.AllProperties.RemoveAt(0);
        Assert.Equal(["/x", "/z"], Visited(walk, "k"));
    }

    [Fact]
    public void Holders_under_a_deleted_node_are_skipped()
    {
        var tree = Parse(Source);
        var walk = new NodeWalk(tree.Root, Keys("k"));
        tree.FindByPath("/x")!.Deleted = true; // the mark alone, not the subtree's: /x/y goes with its parent
        Assert.Equal(["/w"], Visited(walk, "k"));
    }

    [Fact]
    public void Key_names_are_numbered_once_each()
    {
        var keys = new KeyNames();
        var names = Enumerable.Range(0, 300).Select(i => $"#prop-{i}-cells").ToArray();
        foreach (var name in names) keys.Add(name);
        Assert.Equal(0, keys.Add(names[0]));
        Assert.Equal(300, keys.Count);
        for (var i = 0; i < names.Length; i++) Assert.Equal(i, keys.IndexOf(new string(names[i].AsSpan())));
        Assert.Equal(-1, keys.IndexOf("#prop-300-cells"));
        Assert.Equal(-1, keys.IndexOf(""));
    }
}
