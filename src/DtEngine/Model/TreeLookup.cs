namespace Viommu.DtEngine.Model;

/// <summary>Node lookups with dtc's exact semantics (livetree.c get_node_by_*).</summary>
public static class TreeLookup
{
    public static DtNode? NodeByPath(DtNode tree, string path) => NodeByPath(tree, path.AsSpan());

    private static DtNode? NodeByPath(DtNode tree, ReadOnlySpan<char> path)
    {
        while (true)
        {
            if (path.IsEmpty) return tree.Deleted ? null : tree;
            while (path.Length > 0 && path[0] == '/') path = path[1..];
            var slash = path.IndexOf('/');
            var segment = slash >= 0 ? path[..slash] : path;
            DtNode? next = null;
            // a bus has hundreds of children: the length first, before a call to compare
            foreach (var child in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(tree.AllChildren))
            {
                if (child.Name.Length != segment.Length || child.Deleted) continue;
                if (segment.SequenceEqual(child.Name))
                {
                    next = child;
                    break;
                }
            }
            if (next is null) return null;
            if (slash < 0) return next;
            tree = next;
            path = path[(slash + 1)..];
        }
    }

    public static DtNode? NodeByLabel(DtNode tree, string label)
    {
        foreach (var l in tree.Labels)
            if (!l.Deleted && l.Name == label) return tree;
        foreach (var child in tree.AllChildren)
        {
            if (child.Deleted) continue;
            var found = NodeByLabel(child, label);
            if (found is not null) return found;
        }
        return null;
    }

    public static DtNode? NodeByPhandle(DtNode tree, uint phandle)
    {
        if (phandle == 0 || phandle == 0xffffffff) return null;
        if (tree.Phandle == phandle) return tree.Deleted ? null : tree;
        foreach (var child in tree.AllChildren)
        {
            if (child.Deleted) continue;
            var found = NodeByPhandle(child, phandle);
            if (found is not null) return found;
        }
        return null;
    }

    public static DtNode? NodeByReference(DtNode tree, string reference)
    {
        if (reference == "/") return tree;
        if (reference.StartsWith('/')) return NodeByPath(tree, reference);
        var slash = reference.IndexOf('/');
        var label = slash >= 0 ? reference[..slash] : reference;
        var target = NodeByLabel(tree, label);
        if (target is null) return null;
        return slash >= 0 ? NodeByPath(target, reference[(slash + 1)..]) : target;
    }

    public static DtProperty? PropertyByLabel(DtNode tree, string label, out DtNode? owner)
    {
        foreach (var p in tree.Properties)
            foreach (var l in p.LiveLabels)
                if (l.Name == label) { owner = tree; return p; }
        foreach (var c in tree.Children)
        {
            var p = PropertyByLabel(c, label, out owner);
            if (p is not null) return p;
        }
        owner = null;
        return null;
    }

    public static Marker? MarkerByLabel(DtNode tree, string label, out DtNode? owner, out DtProperty? property)
    {
        var index = MarkerIndexByLabel(tree, label, out owner, out property);
        return index < 0 ? null : property!.ValueMarkers[index];
    }

    /// <summary>The same as the marker's index among its property's markers (-1 when none): two labels alike at one
    /// place are two markers, as in dtc, where a marker is compared by its identity.</summary>
    internal static int MarkerIndexByLabel(DtNode tree, string label, out DtNode? owner, out DtProperty? property)
    {
        foreach (var p in tree.Properties)
        {
            var markers = p.ValueMarkers;
            for (var i = 0; i < markers.Length; i++)
                if (markers[i].Type == MarkerType.Label && markers[i].Reference == label) { owner = tree; property = p; return i; }
        }
        foreach (var c in tree.Children)
        {
            var i = MarkerIndexByLabel(c, label, out owner, out property);
            if (i >= 0) return i;
        }
        owner = null;
        property = null;
        return -1;
    }
}
