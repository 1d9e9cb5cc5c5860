namespace Viommu.DtEngine.Model;

/// <summary>Phandle allocation as dtc does it: lowest unused value from a running counter.</summary>
public static class PhandleAllocator
{
    /// <summary>
    /// Returns the node's phandle, allocating one (and adding its property/properties) when it has none.
    /// <paramref name="next"/> is the running counter, kept by the caller across calls.
    /// </summary>
    public static uint Get(PhandleIndex index, DtNode node, DtEngine.PhandleFormat format, ref uint next)
    {
        if (node.Phandle != 0 && node.Phandle != 0xffffffff) return node.Phandle;
        var phandle = next;
        while (index.Find(phandle) is not null) phandle++;
        next = phandle;
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
