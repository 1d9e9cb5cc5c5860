using System.Runtime.InteropServices;

namespace Viommu.DtEngine.Model;

/// <summary>
/// Label and reference lookups with dtc's answer (the first live node in pre-order carrying the label),
/// remembered between lookups: a remembered node is re-checked (label still live, node still attached and
/// not deleted) instead of walking the tree again, which makes amendments and reference checks linear
/// on real trees. With unique labels the answer is always dtc's; a duplicate label is an error in dtc,
/// and then the node returned may be another carrier of the label.
/// </summary>
public sealed class LabelCache
{
    private readonly DtNode _root;
    private readonly Dictionary<string, DtNode> _nodes = new(StringComparer.Ordinal);

    public LabelCache(DtNode root) => _root = root;

    public DtNode Root => _root;

    public DtNode? NodeByLabel(string label)
    {
        if (_nodes.TryGetValue(label, out var known) && StillCarries(known, label)) return known;
        // One walk indexes every label (the first carrier in pre-order, as dtc finds it); it costs what a
        // single search costs and answers the next lookups too.
        Rebuild();
        return _nodes.TryGetValue(label, out known) ? known : null;
    }

    private void Rebuild()
    {
        _nodes.Clear();
        Index(_root);
    }

    private void Index(DtNode node)
    {
        foreach (var l in CollectionsMarshal.AsSpan(node.Labels))
            if (!l.Deleted) _nodes.TryAdd(l.Name, node);
        foreach (var child in CollectionsMarshal.AsSpan(node.AllChildren))
            if (!child.Deleted) Index(child);
    }

    /// <summary><c>label</c>, <c>label/sub/path</c> or <c>/full/path</c>, as <see cref="TreeLookup.NodeByReference"/>.</summary>
    public DtNode? NodeByReference(string reference)
    {
        if (reference == "/") return _root;
        if (reference.StartsWith('/')) return TreeLookup.NodeByPath(_root, reference);
        var slash = reference.IndexOf('/');
        var target = NodeByLabel(slash >= 0 ? reference[..slash] : reference);
        if (target is null) return null;
        return slash >= 0 ? TreeLookup.NodeByPath(target, reference[(slash + 1)..]) : target;
    }

    private bool StillCarries(DtNode node, string label)
    {
        var carries = false;
        foreach (var l in node.Labels)
            if (!l.Deleted && l.Name == label) { carries = true; break; }
        if (!carries) return false;
        for (var n = node; ; n = n.Parent)
        {
            if (n.Deleted) return false;
            if (n.Parent is null) return ReferenceEquals(n, _root);
        }
    }
}
