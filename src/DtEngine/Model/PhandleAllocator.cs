namespace Viommu.DtEngine.Model;

/// <summary>Phandle allocation as dtc does it: lowest unused value from a running counter.</summary>
public static class PhandleAllocator
{
    /// <summary>
    /// Returns the node's phandle, allocating one (and adding its property/properties) when it has none.
    /// The counter persists across calls through <paramref name="getNext"/>/<paramref name="setNext"/>.
    /// </summary>
    public static uint Get(PhandleIndex index, DtNode node, DtEngine.PhandleFormat format, Func<uint> getNext, Action<uint> setNext)
    {
        if (node.Phandle != 0 && node.Phandle != 0xffffffff) return node.Phandle;
        var phandle = getNext();
        while (index.Find(phandle) is not null) phandle++;
        setNext(phandle);
        node.Phandle = phandle;
        index.Assigned(node);
        if ((format & DtEngine.PhandleFormat.Legacy) != 0) AddPhandleProperty(node, "linux,phandle", phandle);
        if ((format & DtEngine.PhandleFormat.Epapr) != 0) AddPhandleProperty(node, "phandle", phandle);
        return phandle;
    }

    private static void AddPhandleProperty(DtNode node, string name, uint phandle)
    {
        if (node.GetProperty(name) is not null) return;
        node.AddProperty(new DtProperty(name, PropertyValue.FromCells(phandle)));
    }
}
