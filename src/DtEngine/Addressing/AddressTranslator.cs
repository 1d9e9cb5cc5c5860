using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Addressing;

/// <summary>One region of a node: its CPU physical address and size.</summary>
public readonly record struct Region(ulong Address, ulong Size);

/// <summary>Why a node's address could not be translated.</summary>
public sealed class AddressException : Exception
{
    public AddressException(string message) : base(message) { }
}

/// <summary>
/// Translates a node's <c>reg</c> to CPU physical addresses: reg read in the parent's #address-cells and
/// #size-cells, then mapped through every ancestor's <c>ranges</c> (an empty ranges is the identity; a bus
/// without ranges is not translatable). Errors name the node and the property at fault.
/// </summary>
public static class AddressTranslator
{
    /// <summary>The regions of <paramref name="node"/>'s <c>reg</c>, in CPU physical addresses.</summary>
    public static IReadOnlyList<Region> Regions(DtNode node)
    {
        var parent = node.Parent ?? throw new AddressException($"{node.Path}: the root node has no reg");
        var ac = Cells.AddressCells(parent);
        var sc = Cells.SizeCells(parent);
        var reg = Cells.ReadAll(node, "reg");
        if (reg is null) return Array.Empty<Region>();
        var entry = ac + sc;
        if (entry == 0 || reg.Length % entry != 0)
            throw new AddressException($"{node.Path}: reg has {reg.Length} cells, not a multiple of #address-cells {ac} + #size-cells {sc} of {parent.Path}");
        if (ac > 2 || sc > 2)
            throw new AddressException($"{node.Path}: reg uses {ac} address and {sc} size cells; only 1 or 2 are translatable");
        var result = new Region[reg.Length / entry];
        for (var i = 0; i < result.Length; i++)
        {
            var address = Cells.Number(reg, i * entry, ac);
            var size = Cells.Number(reg, i * entry + ac, sc);
            result[i] = new Region(ToCpu(parent, address, size, node), size);
        }
        return result;
    }

    /// <summary>Maps <paramref name="address"/> in the address space of <paramref name="bus"/>'s children up
    /// to the root's address space.</summary>
    public static ulong ToCpu(DtNode bus, ulong address, ulong size, DtNode forNode)
    {
        while (bus.Parent is not null)
        {
            var parentBus = bus.Parent;
            var ranges = bus.GetProperty("ranges")
                ?? throw new AddressException($"{forNode.Path}: {bus.Path} has no ranges, so its children's addresses do not reach the CPU");
            if (ranges.Value.Length > 0)
                address = ThroughRanges(bus, parentBus, address, size, forNode);
            bus = parentBus;
        }
        return address;
    }

    private static ulong ThroughRanges(DtNode bus, DtNode parentBus, ulong address, ulong size, DtNode forNode)
    {
        var childAc = Cells.AddressCells(bus);
        var childSc = Cells.SizeCells(bus);
        var parentAc = Cells.AddressCells(parentBus);
        var cells = Cells.ReadAll(bus, "ranges")
            ?? throw new AddressException($"{forNode.Path}: ranges of {bus.Path} is not a whole number of cells");
        var entry = childAc + parentAc + childSc;
        if (cells.Length % entry != 0)
            throw new AddressException($"{forNode.Path}: ranges of {bus.Path} has {cells.Length} cells, not a multiple of {entry}");
        if (childAc > 3 || parentAc > 2 || childSc > 2)
            throw new AddressException($"{forNode.Path}: ranges of {bus.Path} uses cell counts this translator does not read ({childAc}/{parentAc}/{childSc})");
        // A 3-cell child address is a PCI address: the top cell is flags, the low two the offset.
        var childSkip = childAc == 3 ? 1 : 0;
        for (var i = 0; i < cells.Length; i += entry)
        {
            var childBase = Cells.Number(cells, i + childSkip, childAc - childSkip);
            var parentBase = Cells.Number(cells, i + childAc, parentAc);
            var length = Cells.Number(cells, i + childAc + parentAc, childSc);
            if (address >= childBase && address - childBase < length && (size == 0 || size - 1 <= length - 1 - (address - childBase)))
                return parentBase + (address - childBase);
        }
        throw new AddressException($"{forNode.Path}: address 0x{address:x} (size 0x{size:x}) is outside every range of {bus.Path}");
    }
}
