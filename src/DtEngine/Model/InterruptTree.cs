using Viommu.DtEngine.Addressing;

namespace Viommu.DtEngine.Model;

/// <summary>The interrupt tree of the devicetree specification (section 2.4).</summary>
public static class InterruptTree
{
    /// <summary>
    /// The node a device's interrupts go to: its <c>interrupt-parent</c>, else its parent in the tree, repeated
    /// until a node with <c>#interrupt-cells</c> (a controller or an <c>interrupt-map</c> nexus); null if none.
    /// </summary>
    public static DtNode? ParentOf(DtNode node, Func<uint, DtNode?> byPhandle)
    {
        var current = node;
        for (var guard = 0; guard < 1024; guard++)
        {
            var next = Cells.ReadU32(current, "interrupt-parent") is { } ph ? byPhandle(ph) : current.Parent;
            if (next is null) return null;
            if (next.GetProperty("#interrupt-cells") is not null) return next;
            current = next;
        }
        return null;
    }

    /// <summary>Whether a node is an Arm GIC (any version).</summary>
    public static bool IsGic(DtNode node) =>
        node.IsCompatible("arm,gic-v3") || node.IsCompatible("arm,gic-400") || node.IsCompatible("arm,cortex-a15-gic")
        || node.IsCompatible("arm,cortex-a9-gic") || node.IsCompatible("arm,cortex-a7-gic") || node.IsCompatible("arm,gic-v2")
        || node.IsCompatible("arm,arm11mp-gic") || node.IsCompatible("arm,cortex-a5-gic") || node.IsCompatible("arm,gic-v1");
}
