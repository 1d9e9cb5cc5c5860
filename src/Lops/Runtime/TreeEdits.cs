using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>Edits lops share: placing node copies at a path, phandles on demand, and dropping references
/// that a partial output tree can no longer resolve.</summary>
public static class TreeEdits
{
    /// <summary>Puts <paramref name="node"/> at <paramref name="path"/> (its last element names it), creating
    /// missing parents as empty nodes. A node already at that path is merged into: properties replaced, children added.</summary>
    public static DtNode Place(DeviceTree tree, string path, DtNode node)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            MergeInto(tree.Root, node);
            return tree.Root;
        }
        var parent = tree.Root;
        foreach (var part in parts[..^1]) parent = parent.GetChild(part) ?? parent.AddChild(new DtNode(part));
        node.Name = parts[^1];
        if (parent.GetChild(node.Name) is { } existing)
        {
            MergeInto(existing, node);
            return existing;
        }
        return parent.AddChild(node);
    }

    private static void MergeInto(DtNode target, DtNode source)
    {
        foreach (var p in source.Properties) target.SetProperty(p.Name, p.Value);
        foreach (var c in source.Children.ToList())
        {
            if (target.GetChild(c.Name) is { } e) MergeInto(e, c);
            else
            {
                source.RemoveChild(c);
                target.AddChild(c);
            }
        }
    }

    /// <summary>The node's phandle, given one (highest in the tree + 1, as Lopper does) when it has none.</summary>
    public static uint EnsurePhandle(DeviceTree tree, DtNode node)
    {
        if (node.Phandle != 0) return node.Phandle;
        uint max = 0;
        foreach (var n in tree.Root.Walk()) max = Math.Max(max, n.Phandle == 0xffffffff ? 0 : n.Phandle);
        node.Phandle = max + 1;
        node.SetProperty("phandle", PropertyValue.FromCells(node.Phandle));
        return node.Phandle;
    }

    /// <summary>Removes reference markers whose target is not in <paramref name="tree"/> (the value keeps its
    /// bytes), so a partial tree written as DTS still compiles.</summary>
    public static void DropDanglingReferences(DeviceTree tree)
    {
        foreach (var n in tree.Root.Walk())
            foreach (var p in n.Properties)
                p.Value.Markers.RemoveAll(m => m.Type is MarkerType.RefPhandle or MarkerType.RefPath
                                               && m.Reference is not null && tree.FindByReference(m.Reference) is null);
    }
}
