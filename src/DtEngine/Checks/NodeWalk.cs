using System.Runtime.InteropServices;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>
/// The tree in dtc's check order (a node, then its live children in order), listed once for all checks: a board
/// is walked once per check (84 of dtc's 89 run by default), and a recursive walk per check cost as much as the
/// lookups the checks make.
/// </summary>
/// <remarks>
/// Checks never add or move nodes; they may mark nodes deleted (omit-if-no-ref). A node found deleted when its
/// turn comes is skipped with everything under it, as the recursive walk skips a deleted child; a node that its own
/// check deletes still has its children visited, as in dtc.
/// </remarks>
internal sealed class NodeWalk
{
    private readonly DtNode[] _nodes;
    private readonly int[] _subtreeEnds; // index past each node's last descendant
    private readonly int[] _parents;     // index of each node's parent; -1 for the root

    // for each key name, the nodes that hold a property of that name (in walk order); the property lists it was made from
    private readonly KeyNames _keys;
    private List<int>?[]? _holders;
    private int[]? _listVersions;
    private int _renames;

    /// <param name="root">the tree's root; its deleted children are left out</param>
    /// <param name="keys">the names that <see cref="VisitHolders"/> will be asked for</param>
    public NodeWalk(DtNode root, KeyNames keys)
    {
        _keys = keys;
        var nodes = new List<DtNode>();
        var ends = new List<int>();
        var parents = new List<int>();
        Add(root, -1, nodes, ends, parents);
        _nodes = nodes.ToArray();
        _subtreeEnds = ends.ToArray();
        _parents = parents.ToArray();
    }

    private static void Add(DtNode node, int parent, List<DtNode> nodes, List<int> ends, List<int> parents)
    {
        var at = nodes.Count;
        nodes.Add(node);
        ends.Add(0);
        parents.Add(parent);
        foreach (var child in CollectionsMarshal.AsSpan(node.AllChildren))
            if (!child.Deleted) Add(child, at, nodes, ends, parents);
        ends[at] = nodes.Count;
    }

    /// <summary>Runs the check's function on every live node in order (the root whatever its mark).</summary>
    public void Visit(Check c, CheckContext ctx, Action<Check, CheckContext, DtNode> fn)
    {
        var nodes = _nodes;
        for (var i = 0; i < nodes.Length;)
        {
            var node = nodes[i];
            if (i > 0 && node.Deleted)
            {
                i = _subtreeEnds[i];
                continue;
            }
            fn(c, ctx, node);
            i++;
        }
    }

    /// <summary>
    /// The same for a check that does nothing on a node without a property named <paramref name="property"/>: it
    /// runs on the live nodes that hold one, in the same order. Such checks delete no nodes, so a node is live when
    /// neither it nor an ancestor is marked deleted; the function still looks the property up (it may be deleted).
    /// </summary>
    public void VisitHolders(Check c, CheckContext ctx, Action<Check, CheckContext, DtNode> fn, string property)
    {
        if (!HoldersCurrent()) IndexHolders();
        var key = _keys.IndexOf(property);
        if (key < 0) throw new ArgumentException($"'{property}' is not a key name of this walk", nameof(property));
        if (_holders![key] is not { } holders) return;
        foreach (var i in CollectionsMarshal.AsSpan(holders))
            if (IsLive(i)) fn(c, ctx, _nodes[i]);
    }

    private bool IsLive(int i)
    {
        for (; i > 0; i = _parents[i])
            if (_nodes[i].Deleted) return false;
        return true;
    }

    /// <summary>False when a property was added, removed, replaced or renamed since the index was made (fixups add phandles).</summary>
    private bool HoldersCurrent()
    {
        if (_listVersions is null || _renames != DtProperty.Renames) return false;
        var nodes = _nodes;
        for (var i = 0; i < nodes.Length; i++)
            if (nodes[i].PropertyListVersion != _listVersions[i]) return false;
        return true;
    }

    private void IndexHolders()
    {
        _renames = DtProperty.Renames;
        var holders = new List<int>?[_keys.Count];
        var versions = new int[_nodes.Length];
        for (var i = 0; i < _nodes.Length; i++)
        {
            var node = _nodes[i];
            versions[i] = node.PropertyListVersion;
            foreach (var prop in CollectionsMarshal.AsSpan(node.AllProperties))
            {
                var key = _keys.IndexOf(prop.Name);
                if (key < 0) continue;
                var list = holders[key] ??= new List<int>();
                // a node that holds the name twice (a duplicate property) is visited once
                if (list.Count == 0 || list[^1] != i) list.Add(i);
            }
        }
        _holders = holders;
        _listVersions = versions;
    }
}
