namespace Viommu.DtEngine.Model;

/// <summary>Deep copies of nodes, so a lop can place a node in another tree without sharing state.</summary>
public static class NodeCopy
{
    /// <summary>Copies <paramref name="node"/>, its live properties (values and markers), labels, phandle and
    /// live children. The copy has no parent.</summary>
    public static DtNode DeepCopy(DtNode node)
    {
        var copy = new DtNode(node.Name) { Position = node.Position, Phandle = node.Phandle };
        foreach (var l in LabelList.Live(node.Labels)) copy.Labels.Add(new Label(l.Name));
        foreach (var p in node.Properties)
        {
            var np = new DtProperty(p.Name, p.Value.Clone(), p.Position);
            foreach (var l in LabelList.Live(p.Labels)) np.Labels.Add(new Label(l.Name));
            copy.AddProperty(np);
        }
        foreach (var c in node.Children) copy.AddChild(DeepCopy(c));
        return copy;
    }
}
