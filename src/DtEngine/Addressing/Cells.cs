using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Addressing;

/// <summary>Typed views of cell properties: numbers made of N cells, and the #address-cells/#size-cells rules.</summary>
public static class Cells
{
    /// <summary>The value of a one-cell property, or null when it is missing or not one cell.</summary>
    public static uint? ReadU32(DtNode node, string name)
    {
        var p = node.GetProperty(name);
        return p is null || p.Value.Length != 4 ? null : p.Value.ReadCell(0);
    }

    /// <summary>The cells of a property, or null when it is missing or not a whole number of cells.</summary>
    public static uint[]? ReadAll(DtNode node, string name)
    {
        var p = node.GetProperty(name);
        if (p is null || p.Value.Length % 4 != 0) return null;
        var cells = new uint[p.Value.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = p.Value.ReadCell(i * 4);
        return cells;
    }

    /// <summary>A number of <paramref name="count"/> cells (at most 2 significant) starting at <paramref name="index"/>.</summary>
    public static ulong Number(ReadOnlySpan<uint> cells, int index, int count)
    {
        ulong v = 0;
        for (var i = 0; i < count; i++) v = (v << 32) | cells[index + i];
        return v;
    }

    /// <summary>#address-cells that applies to the children of <paramref name="parent"/> (default 2).</summary>
    public static int AddressCells(DtNode parent) => (int)(ReadU32(parent, "#address-cells") ?? 2);

    /// <summary>#size-cells that applies to the children of <paramref name="parent"/> (default 1).</summary>
    public static int SizeCells(DtNode parent) => (int)(ReadU32(parent, "#size-cells") ?? 1);
}
