using Viommu.DtEngine.Model;
using static Viommu.DtEngine.Checks.CheckHelpers;

namespace Viommu.DtEngine.Checks;

/// <summary>interrupts, interrupt providers and interrupt-map.</summary>
internal static class InterruptChecks
{
    public static void Provider(Check c, CheckContext ctx, DtNode node)
    {
        var provider = IsInterruptProvider(node);
        var cells = node.GetProperty("#interrupt-cells");
        if (provider && cells is null)
        {
            ctx.Fail(c, node, "Missing '#interrupt-cells' in interrupt provider");
            return;
        }
        if (!provider && cells is not null) ctx.Fail(c, node, "'#interrupt-cells' found, but node is not an interrupt provider");
    }

    public static void Map(Check c, CheckContext ctx, DtNode node)
    {
        var map = node.GetProperty("interrupt-map");
        if (map is null) return;
        if (node.AddressCellsSeen < 0)
        {
            ctx.Fail(c, node, "Missing '#address-cells' in interrupt-map provider");
            return;
        }
        var cellSize = (ulong)AddrCells(node) + Cell(node.GetProperty("#interrupt-cells")!);
        var mask = node.GetProperty("interrupt-map-mask");
        if (mask is not null && (ulong)mask.Value.Length != cellSize * 4)
            ctx.FailProperty(c, node, mask, $"property size ({mask.Value.Length}) is invalid, expected {cellSize * 4}");
        if (!IsMultipleOf(map.Value.Length, 4))
        {
            ctx.FailProperty(c, node, map, $"property size ({map.Value.Length}) is invalid, expected multiple of 4");
            return;
        }
        var mapCells = (ulong)(map.Value.Length / 4);
        for (ulong cell = 0; cell < mapCells;)
        {
            if (cell + cellSize >= mapCells)
            {
                ctx.FailProperty(c, node, map, $"property size ({map.Value.Length}) too small, expected > {(cell + cellSize) * 4}");
                break;
            }
            cell += cellSize;
            var phandle = (int)map.Value.ReadCell((int)cell * 4);
            if (phandle == 0 || phandle == -1)
            {
                if (!ctx.IsPlugin) ctx.FailProperty(c, node, map, $"Cell {cell} is not a phandle({phandle})");
                break;
            }
            var provider = ctx.FindByPhandle((uint)phandle);
            if (provider is null)
            {
                ctx.FailProperty(c, node, map, $"Could not get phandle({phandle}) node for (cell {cell})");
                break;
            }
            var cellsProp = provider.GetProperty("#interrupt-cells");
            if (cellsProp is null)
            {
                ctx.Fail(c, node, $"Missing property '#interrupt-cells' in node {provider.Path} or bad phandle (referred from interrupt-map[{cell}])");
                break;
            }
            ulong parentCellSize = Cell(cellsProp);
            var addressProp = provider.GetProperty("#address-cells");
            if (addressProp is not null) parentCellSize += Cell(addressProp);
            else ctx.FailProperty(c, node, map, $"Missing property '#address-cells' in node {provider.Path}, using 0 as fallback");
            cell += 1 + parentCellSize;
            if (cell > mapCells)
                ctx.FailProperty(c, node, map, $"property size ({map.Value.Length}) mismatch, expected {cell * 4}");
        }
    }

    public static void Interrupts(Check c, CheckContext ctx, DtNode node)
    {
        var irq = node.GetProperty("interrupts");
        if (irq is null) return;
        if (!IsMultipleOf(irq.Value.Length, 4))
            ctx.FailProperty(c, node, irq, $"size ({irq.Value.Length}) is invalid, expected multiple of 4");
        DtNode? irqNode = null;
        DtNode? parent = node;
        DtProperty? prop = null;
        while (parent is not null && prop is null)
        {
            if (parent != node && IsInterruptProvider(parent))
            {
                irqNode = parent;
                break;
            }
            prop = parent.GetProperty("interrupt-parent");
            if (prop is not null)
            {
                var phandle = Cell(prop);
                if (phandle == 0 || phandle == 0xffffffff)
                {
                    if (ctx.IsPlugin) return;
                    ctx.FailProperty(c, parent, prop, "Invalid phandle");
                    continue;
                }
                irqNode = ctx.FindByPhandle(phandle);
                if (irqNode is null)
                {
                    ctx.FailProperty(c, parent, prop, "Bad phandle");
                    return;
                }
                if (!IsInterruptProvider(irqNode)) ctx.Fail(c, irqNode, "Missing interrupt-controller or interrupt-map property");
                break;
            }
            parent = parent.Parent;
        }
        if (irqNode is null)
        {
            ctx.Fail(c, node, "Missing interrupt-parent");
            return;
        }
        var cellsProp = irqNode.GetProperty("#interrupt-cells");
        if (cellsProp is null) return;
        var cells = Cell(cellsProp);
        if (!IsMultipleOf(irq.Value.Length, (int)(cells * 4)))
            ctx.FailProperty(c, node, cellsProp, $"size is ({irq.Value.Length}), expected multiple of {(int)(cells * 4)}");
    }
}
