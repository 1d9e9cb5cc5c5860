namespace Viommu.DtEngine.Model;

/// <summary>
/// Phandle -> node lookups with the answers of a full tree walk (first live node in depth-first
/// order), without walking the tree on every call. Assigning a new phandle adds it; deleting nodes
/// must call <see cref="Invalidate"/>.
/// </summary>
public sealed class PhandleIndex
{
    private readonly DtNode _root;
    private Dictionary<uint, DtNode>? _map;

    public PhandleIndex(DtNode root) => _root = root;

    public DtNode? Find(uint phandle)
    {
        if (phandle == 0 || phandle == 0xffffffff) return null;
        _map ??= Build();
        return _map.TryGetValue(phandle, out var n) ? n : null;
    }

    /// <summary>Records a phandle just given to a node (dtc gives each value to one node only).</summary>
    public void Assigned(DtNode node)
    {
        if (_map is null) return;
        var p = node.Phandle;
        if (p == 0 || p == 0xffffffff) return;
        if (!_map.TryGetValue(p, out var existing) || IsBefore(node, existing)) _map[p] = node;
    }

    public void Invalidate() => _map = null;

    private static bool IsBefore(DtNode a, DtNode b)
    {
        // rare path (a duplicate value): fall back to comparing depth-first positions
        var order = 0;
        int ia = -1, ib = -1;
        foreach (var n in Root(a).Walk())
        {
            if (n == a) ia = order;
            if (n == b) ib = order;
            order++;
        }
        return ia >= 0 && (ib < 0 || ia < ib);
    }

    private static DtNode Root(DtNode n)
    {
        while (n.Parent is not null) n = n.Parent;
        return n;
    }

    private Dictionary<uint, DtNode> Build()
    {
        var map = new Dictionary<uint, DtNode>();
        if (_root.Deleted) return map;
        foreach (var n in _root.Walk())
            if (n.Phandle != 0 && n.Phandle != 0xffffffff) map.TryAdd(n.Phandle, n);
        return map;
    }
}
