using Viommu.DtEngine.Model;
using static Viommu.DtEngine.Checks.CheckHelpers;

namespace Viommu.DtEngine.Checks;

/// <summary>phandle + arguments properties (clocks, iommus, gpios ...) against the provider's #cells.</summary>
internal static class ProviderChecks
{
    public sealed record Provider(string PropertyName, string CellsName, bool Optional);

    public static readonly (string Check, string Property, string Cells, bool Optional)[] Providers =
    {
        ("clocks", "clocks", "#clock-cells", false),
        ("cooling_device", "cooling-device", "#cooling-cells", false),
        ("dmas", "dmas", "#dma-cells", false),
        ("hwlocks", "hwlocks", "#hwlock-cells", false),
        ("interrupts_extended", "interrupts-extended", "#interrupt-cells", false),
        ("io_channels", "io-channels", "#io-channel-cells", false),
        ("iommus", "iommus", "#iommu-cells", false),
        ("mboxes", "mboxes", "#mbox-cells", false),
        ("msi_parent", "msi-parent", "#msi-cells", true),
        ("mux_controls", "mux-controls", "#mux-control-cells", false),
        ("phys", "phys", "#phy-cells", false),
        ("power_domains", "power-domains", "#power-domain-cells", false),
        ("pwms", "pwms", "#pwm-cells", false),
        ("resets", "resets", "#reset-cells", false),
        ("sound_dai", "sound-dai", "#sound-dai-cells", false),
        ("thermal_sensors", "thermal-sensors", "#thermal-sensor-cells", false),
    };

    public static void PhandleArgs(Check c, CheckContext ctx, DtNode node, DtProperty prop, Provider provider)
    {
        var len = prop.Value.Length;
        if (!IsMultipleOf(len, 4))
        {
            ctx.FailProperty(c, node, prop, $"property size ({len}) is invalid, expected multiple of 4");
            return;
        }
        uint cellSize = 0;
        // markers are looked up with a cursor that moves forward with the cells (linear, not a scan of all markers
        // per cell: an iommus list of 8,192 entries was half of a large xen partial run); values whose markers
        // are out of offset order, which no reader makes, are scanned
        var markers = prop.ValueMarkers;
        var markersInOrder = InOffsetOrder(markers);
        var cursor = 0;
        for (ulong cell = 0; cell < (ulong)(len / 4); cell += cellSize + 1)
        {
            var phandle = prop.Value.ReadCell((int)cell * 4);
            if (phandle == 0 || phandle == 0xffffffff)
            {
                if (ctx.IsPlugin) break;
                cellSize = 0;
                continue;
            }
            if (prop.HasValueMarkers && !HasPhandleReferenceAt(markers, markersInOrder, ref cursor, (long)cell * 4))
                ctx.FailProperty(c, node, prop, $"cell {cell} is not a phandle reference");
            var providerNode = ctx.FindByPhandle(phandle);
            if (providerNode is null)
            {
                ctx.FailProperty(c, node, prop, $"Could not get phandle node for (cell {cell})");
                break;
            }
            var cellProp = providerNode.GetProperty(provider.CellsName);
            if (cellProp is not null) cellSize = Cell(cellProp);
            else if (provider.Optional) cellSize = 0;
            else
            {
                ctx.Fail(c, node, $"Missing property '{provider.CellsName}' in node {providerNode.Path} or bad phandle (referred from {prop.Name}[{cell}])");
                break;
            }
            // dtc computes this in unsigned int and compares for wrap-around
            var expected = unchecked((uint)((cell + cellSize + 1) * 4));
            if (expected <= cell || len < expected)
            {
                ctx.FailProperty(c, node, prop, $"property size ({len}) too small for cell size {cellSize}");
                break;
            }
        }
    }

    private static bool InOffsetOrder(ReadOnlySpan<Marker> markers)
    {
        for (var i = 1; i < markers.Length; i++)
            if (markers[i].Offset < markers[i - 1].Offset) return false;
        return true;
    }

    // Whether a phandle reference marker sits at the offset. In order, the cursor skips markers before the offset
    // and stays there, as the offsets asked for only grow.
    private static bool HasPhandleReferenceAt(ReadOnlySpan<Marker> markers, bool inOrder, ref int cursor, long offset)
    {
        if (!inOrder)
        {
            foreach (var m in markers)
                if (m.Type == MarkerType.RefPhandle && m.Offset == offset) return true;
            return false;
        }
        while (cursor < markers.Length && markers[cursor].Offset < offset) cursor++;
        for (var i = cursor; i < markers.Length && markers[i].Offset == offset; i++)
            if (markers[i].Type == MarkerType.RefPhandle) return true;
        return false;
    }

    public static void ProviderCells(Check c, CheckContext ctx, DtNode node)
    {
        var provider = (Provider)c.Data!;
        var prop = node.GetProperty(provider.PropertyName);
        if (prop is not null) PhandleArgs(c, ctx, node, prop, provider);
    }

    private static bool IsGpio(DtProperty prop)
    {
        var n = prop.Name;
        if (n.EndsWith(",nr-gpios", StringComparison.Ordinal)) return false;
        return n.EndsWith("-gpios", StringComparison.Ordinal) || n == "gpios" || n.EndsWith("-gpio", StringComparison.Ordinal) || n == "gpio";
    }

    public static void Gpios(Check c, CheckContext ctx, DtNode node)
    {
        if (node.GetProperty("gpio-hog") is not null) return;
        foreach (var prop in CheckHelpers.LiveProperties(node))
            if (IsGpio(prop)) PhandleArgs(c, ctx, node, prop, new Provider(prop.Name, "#gpio-cells", false));
    }

    public static void DeprecatedGpio(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var prop in CheckHelpers.LiveProperties(node))
            if (IsGpio(prop) && prop.Name.EndsWith("gpio", StringComparison.Ordinal))
                ctx.FailProperty(c, node, prop, "'[*-]gpio' is deprecated, use '[*-]gpios' instead");
    }
}
