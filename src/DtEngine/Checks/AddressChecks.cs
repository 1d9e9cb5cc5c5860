using Viommu.DtEngine.Model;
using static Viommu.DtEngine.Checks.CheckHelpers;

namespace Viommu.DtEngine.Checks;

/// <summary>#address-cells/#size-cells, reg, ranges and unit addresses.</summary>
internal static class AddressChecks
{
    public static void AddrSizeCells(Check c, CheckContext ctx, DtNode node)
    {
        node.AddressCellsSeen = -1;
        node.SizeCellsSeen = -1;
        var a = node.GetProperty("#address-cells");
        if (a is not null) node.AddressCellsSeen = (int)Cell(a);
        var s = node.GetProperty("#size-cells");
        if (s is not null) node.SizeCellsSeen = (int)Cell(s);
    }

    public static void RegFormat(Check c, CheckContext ctx, DtNode node)
    {
        var prop = node.GetProperty("reg");
        if (prop is null) return;
        if (node.Parent is null)
        {
            ctx.Fail(c, node, "Root node has a \"reg\" property");
            return;
        }
        if (prop.Value.Length == 0) ctx.FailProperty(c, node, prop, "property is empty");
        var addr = AddrCells(node.Parent);
        var size = SizeCells(node.Parent);
        var entry = (addr + size) * 4;
        if (!IsMultipleOf(prop.Value.Length, entry))
            ctx.FailProperty(c, node, prop, $"property has invalid length ({prop.Value.Length} bytes) (#address-cells == {addr}, #size-cells == {size})");
    }

    public static void RangesFormat(Check c, CheckContext ctx, DtNode node)
    {
        var name = (string)c.Data!;
        var prop = node.GetProperty(name);
        if (prop is null) return;
        if (node.Parent is null)
        {
            ctx.FailProperty(c, node, prop, $"Root node has a \"{name}\" property");
            return;
        }
        var pAddr = AddrCells(node.Parent);
        var pSize = SizeCells(node.Parent);
        var cAddr = AddrCells(node);
        var cSize = SizeCells(node);
        var entry = (pAddr + cAddr + cSize) * 4;
        if (prop.Value.Length == 0)
        {
            if (pAddr != cAddr)
                ctx.FailProperty(c, node, prop, $"empty \"{name}\" property but its #address-cells ({cAddr}) differs from {node.Parent.Path} ({pAddr})");
            if (pSize != cSize)
                ctx.FailProperty(c, node, prop, $"empty \"{name}\" property but its #size-cells ({cSize}) differs from {node.Parent.Path} ({pSize})");
        }
        else if (!IsMultipleOf(prop.Value.Length, entry))
        {
            ctx.FailProperty(c, node, prop, $"\"{name}\" property has invalid length ({prop.Value.Length} bytes) (parent #address-cells == {pAddr}, child #address-cells == {cAddr}, #size-cells == {cSize})");
        }
    }

    public static void UnitAddressVsReg(Check c, CheckContext ctx, DtNode node)
    {
        var unit = node.UnitAddressSpan;
        if (node.GetChild("__overlay__") is not null) return;
        var prop = node.GetProperty("reg");
        if (prop is null)
        {
            prop = node.GetProperty("ranges");
            if (prop is not null && prop.Value.Length == 0) prop = null;
        }
        if (prop is not null)
        {
            if (unit.Length == 0) ctx.Fail(c, node, "node has a reg or ranges property, but no unit name");
        }
        else if (unit.Length > 0) ctx.Fail(c, node, "node has a unit name, but no reg or ranges property");
    }

    public static void UnitAddressFormat(Check c, CheckContext ctx, DtNode node)
    {
        var unit = node.UnitAddressSpan;
        if (node.Parent?.Bus is not null) return;
        if (unit.Length == 0) return;
        if (unit.StartsWith("0x", StringComparison.Ordinal))
        {
            ctx.Fail(c, node, "unit name should not have leading \"0x\"");
            unit = unit[2..];
        }
        if (unit.Length >= 2 && unit[0] == '0' && Uri.IsHexDigit(unit[1]))
            ctx.Fail(c, node, "unit name should not have leading 0s");
    }

    public static void AvoidDefaultAddrSize(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent is null) return;
        if (node.GetProperty("reg") is null && node.GetProperty("ranges") is null) return;
        if (node.Parent.AddressCellsSeen == -1) ctx.Fail(c, node, "Relying on default #address-cells value");
        if (node.Parent.SizeCellsSeen == -1) ctx.Fail(c, node, "Relying on default #size-cells value");
    }

    public static void AvoidUnnecessaryAddrSize(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent is null || node.AddressCellsSeen < 0 || node.SizeCellsSeen < 0) return;
        if (node.GetProperty("ranges") is not null || node.GetProperty("dma-ranges") is not null || node.AllChildren.Count == 0) return;
        foreach (var child in node.Children)
            if (child.GetProperty("reg") is not null || child.GetProperty("ranges") is not null) return;
        ctx.Fail(c, node, "unnecessary #address-cells/#size-cells without \"ranges\", \"dma-ranges\" or child \"reg\" or \"ranges\" property");
    }

    private static bool IsDisabled(DtNode node)
    {
        var prop = node.GetProperty("status");
        return prop is not null && prop.Value.AsCString() == "disabled";
    }

    private static void UniqueCommon(Check c, CheckContext ctx, DtNode node, bool skipDisabled)
    {
        if (node.AddressCellsSeen < 0 || node.SizeCellsSeen < 0) return;
        if (node.AllChildren.Count == 0) return;
        // dtc compares every pair; earlier siblings by unit address give the same reports in the same order
        // without being quadratic in the number of siblings.
        var earlier = new Dictionary<string, List<DtNode>>(StringComparer.Ordinal);
        foreach (var a in node.Children)
        {
            var address = a.UnitAddress;
            if (address.Length == 0 || (skipDisabled && IsDisabled(a))) continue;
            if (earlier.TryGetValue(address, out var same))
            {
                foreach (var b in same) ctx.Fail(c, b, $"duplicate unit-address (also used in node {a.Path})");
                same.Add(a);
            }
            else earlier[address] = new List<DtNode> { a };
        }
    }

    public static void UniqueUnitAddress(Check c, CheckContext ctx, DtNode node) => UniqueCommon(c, ctx, node, false);

    public static void UniqueUnitAddressIfEnabled(Check c, CheckContext ctx, DtNode node) => UniqueCommon(c, ctx, node, true);
}
