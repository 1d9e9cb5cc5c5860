using Viommu.DtEngine.Addressing;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>Step 3, <c>xen,emit-vsmmu</c>: by default nothing (libxl or Xen creates the vSMMU; the partial tree
/// only uses its phandle); with <c>vsmmu-node = "full"</c>, one <c>arm,smmu-v3</c> node per vSMMU at the root of
/// the tree, shaped as the series builds it, for self-contained guest trees.</summary>
public sealed class EmitVsmmuLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "xen,emit-vsmmu" };
    public string Description => "Xen: add the vSMMUv3 node(s) for self-contained trees (vsmmu-node = full)";

    public bool Run(LopContext context)
    {
        var plan = XenLops.Plan(context, allocated: true);
        if (context.Spec.Has("vsmmu-node")) plan.Options = XenOptions.From(context.Spec, plan.Options);
        if (!plan.Options.EmitNode) return true;
        var root = context.Tree.Root;
        var ac = Cells.AddressCells(root);
        var sc = Cells.SizeCells(root);
        foreach (var v in plan.Vsmmus.Where(v => plan.Streams.Any(s => s.Vsmmu == v.Index)))
        {
            var name = $"iommu@{v.Base:x}";
            if (root.GetChild(name) is { } taken) throw new LopException($"the tree already has /{name}", taken);
            if (context.Tree.FindByPhandle(v.Phandle) is { } clash)
                throw new LopException($"phandle 0x{v.Phandle:x} for the vSMMU is already used by {clash.Path}", clash, "phandle");
            var node = new DtNode(name) { Phandle = v.Phandle };
            node.AddProperty(new DtProperty("compatible", PropertyValue.FromString("arm,smmu-v3")));
            node.AddProperty(new DtProperty("reg", CellsOf(ac, v.Base, sc, v.Size)));
            node.AddProperty(new DtProperty("phandle", PropertyValue.FromCells(v.Phandle)));
            node.AddProperty(new DtProperty("#iommu-cells", PropertyValue.FromCells(1)));
            node.AddProperty(new DtProperty("interrupts", PropertyValue.FromCells(0, plan.Options.VsmmuSpi + (uint)v.Index, 0xf04)));
            node.AddProperty(new DtProperty("interrupt-names", PropertyValue.FromString("combined")));
            root.AddChild(node);
        }
        return true;
    }

    private static PropertyValue CellsOf(int ac, ulong address, int sc, ulong size)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeUint32, null);
        for (var i = ac - 1; i >= 0; i--) v.AppendInteger(i >= 2 ? 0 : (address >> (32 * i)) & 0xffffffff, 32);
        for (var i = sc - 1; i >= 0; i--) v.AppendInteger(i >= 2 ? 0 : (size >> (32 * i)) & 0xffffffff, 32);
        return v;
    }
}
