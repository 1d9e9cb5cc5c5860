using System.Text.RegularExpressions;
using Viommu.DtEngine.Addressing;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>
/// The properties of the bindings that point at other nodes by phandle, and how to find every node they
/// point at (the provider's <c>#...-cells</c> says how many cells follow each phandle).
/// </summary>
internal static partial class PhandleProperties
{
    private static readonly Dictionary<string, string?> Specifiers = new(StringComparer.Ordinal)
    {
        ["clocks"] = "#clock-cells",
        ["assigned-clocks"] = "#clock-cells",
        ["assigned-clock-parents"] = "#clock-cells",
        ["resets"] = "#reset-cells",
        ["power-domains"] = "#power-domain-cells",
        ["phys"] = "#phy-cells",
        ["dmas"] = "#dma-cells",
        ["mboxes"] = "#mbox-cells",
        ["pwms"] = "#pwm-cells",
        ["interconnects"] = "#interconnect-cells",
        ["io-channels"] = "#io-channel-cells",
        ["thermal-sensors"] = "#thermal-sensor-cells",
        ["nvmem-cells"] = null,
        ["memory-region"] = null,
        ["msi-parent"] = "#msi-cells",
        ["phy-handle"] = null,
        ["remote-endpoint"] = null,
        ["operating-points-v2"] = null,
        ["sram"] = null,
        ["gpios"] = "#gpio-cells",
        ["gpio"] = "#gpio-cells",
    };

    [GeneratedRegex(@"^pinctrl-[0-9]+$")]
    private static partial Regex PinctrlState();

    /// <summary>Whether <paramref name="name"/> holds phandles, and the cells property of its providers (null: none follow).</summary>
    public static bool Holds(string name, out string? cellsProperty)
    {
        if (Specifiers.TryGetValue(name, out cellsProperty)) return true;
        cellsProperty = null;
        if (PinctrlState().IsMatch(name) || name.EndsWith("-supply", StringComparison.Ordinal)) return true;
        if (name.EndsWith("-gpios", StringComparison.Ordinal) || name.EndsWith("-gpio", StringComparison.Ordinal)) { cellsProperty = "#gpio-cells"; return true; }
        return false;
    }

    /// <summary>The nodes a phandle property points at; null when its cells do not parse against the providers.</summary>
    public static List<DtNode>? Targets(DtProperty property, string? cellsProperty, PhandleIndex index)
    {
        var bytes = property.Value.Bytes;
        if (bytes.Length % 4 != 0) return null;
        var cells = new uint[bytes.Length / 4];
        for (var i = 0; i < cells.Length; i++) cells[i] = global::System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.Slice(i * 4));
        var list = new List<DtNode>();
        for (var i = 0; i < cells.Length;)
        {
            if (cells[i] == 0) { i++; continue; }
            var target = index.Find(cells[i]);
            if (target is null) return null;
            list.Add(target);
            i += 1 + (cellsProperty is null ? 0 : (int)(Cells.ReadU32(target, cellsProperty) ?? 0));
        }
        return list;
    }
}
