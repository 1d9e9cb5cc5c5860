using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>The path index answers every path as the walk does (dtc's get_node_by_path), on trees a blob can hold.</summary>
public class PathIndexTests
{
    private static DtNode Child(DtNode parent, string name, bool deleted = false)
    {
        var child = new DtNode(name) { Parent = parent, Deleted = deleted };
        parent.AllChildren.Add(child);
        return child;
    }

    /// <summary>Duplicate siblings (the second has children the first lacks), deleted nodes, an empty name and a name holding '/'.</summary>
    private static DtNode OddTree()
    {
        var root = new DtNode("");
        var a1 = Child(root, "a");
        Child(a1, "b");
        var a2 = Child(root, "a");
        Child(a2, "c");
        Child(Child(root, "gone", deleted: true), "x");
        var bus = Child(root, "bus@0");
        for (var i = 0; i < 40; i++) Child(Child(bus, $"dev@{i:x}"), "port");
        Child(Child(root, ""), "x");
        Child(root, "x");
        Child(Child(root, "p/q"), "r");
        Child(Child(root, "p"), "q");
        return root;
    }

    private static IEnumerable<string> Spellings(DtNode root)
    {
        var paths = new List<string>();
        void Collect(DtNode node, string path)
        {
            foreach (var child in node.AllChildren)
            {
                var p = path + "/" + child.Name;
                paths.Add(p);
                Collect(child, p);
            }
        }
        Collect(root, "");
        foreach (var p in paths)
        {
            yield return p;
            yield return p + "/";
            yield return "/" + p;
            yield return p.Replace("/", "//");
            yield return p.TrimStart('/');
            yield return p + "/missing";
        }
        foreach (var odd in new[] { "", "/", "//", "/a/c", "/a/b", "/p/q/r", "/p/q", "/x", "//x", "/gone/x" }) yield return odd;
    }

    [Fact]
    public void Every_spelling_finds_what_the_walk_finds()
    {
        var root = OddTree();
        var index = new PathIndex(root);
        var asked = 0;
        foreach (var path in Spellings(root))
        {
            Assert.Same(TreeLookup.NodeByPath(root, path), index.Find(path));
            asked++;
        }
        Assert.True(asked > 500);
        // the cases the index must not answer from its list
        Assert.Null(index.Find("/a/c"));                 // under the second "a", which a lookup never reaches
        Assert.Null(index.Find("/gone/x"));              // under a deleted node
        Assert.Equal("q", index.Find("/p/q")!.Name);     // the child q of p, not the node named "p/q"
    }
}
