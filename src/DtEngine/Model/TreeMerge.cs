namespace Viommu.DtEngine.Model;

/// <summary>Merging of node definitions with dtc's exact rules (livetree.c merge_nodes).</summary>
public static class TreeMerge
{
    /// <summary>
    /// Merges <paramref name="newNode"/> into <paramref name="oldNode"/>: labels are added, a property of
    /// the same name is replaced in place (even a deleted one, which comes back), new ones are appended,
    /// deletions apply, and children merge recursively.
    /// </summary>
    public static DtNode Merge(DtNode oldNode, DtNode newNode)
    {
        oldNode.Deleted = false;
        // dtc walks the new label list head first, so the order of the add_label calls matters.
        foreach (var l in newNode.Labels) LabelList.Add(oldNode.Labels, l.Name);

        // over spans: the lists' enumerators were a twentieth of a kernel board's parse, which merges every amendment
        foreach (var newProp in AsSpan(newNode.AllProperties))
        {
            if (newProp.Deleted)
            {
                foreach (var p in AsSpan(oldNode.AllProperties))
                {
                    if (SameName(p.Name, newProp.Name))
                    {
                        DtNode.MarkPropertyDeleted(p);
                        break;
                    }
                }
                continue;
            }
            DtProperty? collision = null;
            foreach (var p in AsSpan(oldNode.AllProperties))
                if (SameName(p.Name, newProp.Name)) { collision = p; break; }
            if (collision is not null)
            {
                foreach (var l in newProp.Labels) LabelList.Add(collision.Labels, l.Name);
                collision.Value = newProp.Value;
                collision.Deleted = false;
                collision.Position = newProp.Position;
            }
            else oldNode.AddProperty(newProp);
        }

        foreach (var newChild in AsSpan(newNode.AllChildren))
        {
            newChild.Parent = null;
            if (newChild.Deleted)
            {
                foreach (var c in AsSpan(oldNode.AllChildren))
                {
                    if (SameName(c.Name, newChild.Name))
                    {
                        c.MarkDeleted();
                        break;
                    }
                }
                continue;
            }
            DtNode? existing = null;
            foreach (var c in AsSpan(oldNode.AllChildren))
                if (SameName(c.Name, newChild.Name)) { existing = c; break; }
            if (existing is not null) Merge(existing, newChild);
            else oldNode.AddChild(newChild);
        }

        oldNode.Position = Extend(oldNode.Position, newNode.Position);
        return oldNode;
    }

    // a parse gives one string per spelling, so that names are mostly the same object or of different lengths: both
    // answered inline (the comparison calls were a sixth of a kernel board's merging)
    private static bool SameName(string a, string b) => (object)a == b || (a.Length == b.Length && string.Equals(a, b));

    // only the old node's lists grow during a merge, and never while a span over them is held
    private static ReadOnlySpan<T> AsSpan<T>(List<T> list) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);

    private static SourcePosition? Extend(SourcePosition? pos, SourcePosition? tail)
    {
        if (pos is null) return tail;
        var p = pos;
        while (p.Next is not null) p = p.Next;
        p.Next = tail;
        return pos;
    }
}
