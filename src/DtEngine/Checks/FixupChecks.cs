using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>The checks that also resolve references and phandles (checks.c fixup_*).</summary>
internal static class FixupChecks
{
    private static uint PhandleProperty(Check c, CheckContext ctx, DtNode node, string name)
    {
        var prop = node.GetProperty(name);
        if (prop is null) return 0;
        if (prop.Value.Length != 4)
        {
            ctx.FailProperty(c, node, prop, $"bad length ({prop.Value.Length}) {prop.Name} property");
            return 0;
        }
        foreach (var m in prop.ValueMarkers)
        {
            if (m.Type != MarkerType.RefPhandle) continue;
            if (node != ctx.Labels.NodeByReference(m.Reference!))
                ctx.Fail(c, node, $"{prop.Name} is a reference to another node");
            // a self reference means "allocate a phandle for me"; filled in later
            return 0;
        }
        var phandle = prop.Value.ReadCell(0);
        if (phandle == 0 || phandle == 0xffffffff)
        {
            ctx.FailProperty(c, node, prop, $"bad value (0x{phandle:x}) in {prop.Name} property");
            return 0;
        }
        return phandle;
    }

    public static void ExplicitPhandles(Check c, CheckContext ctx, DtNode node)
    {
        var phandle = PhandleProperty(c, ctx, node, "phandle");
        var linuxPhandle = PhandleProperty(c, ctx, node, "linux,phandle");
        if (phandle == 0 && linuxPhandle == 0) return;
        if (linuxPhandle != 0 && phandle != 0 && phandle != linuxPhandle)
            ctx.Fail(c, node, "mismatching 'phandle' and 'linux,phandle' properties");
        if (linuxPhandle != 0 && phandle == 0) phandle = linuxPhandle;
        var other = ctx.FindByPhandle(phandle);
        if (other is not null && other != node)
        {
            ctx.Fail(c, node, $"duplicated phandle 0x{phandle:x} (seen before at {other.Path})");
            return;
        }
        node.Phandle = phandle;
        if (ctx.Phandles is not null) ctx.Phandles.Assigned(node);
    }

    public static void PhandleReferences(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            foreach (var m in prop.ValueMarkers)
            {
                if (m.Type != MarkerType.RefPhandle) continue;
                var target = ctx.Labels.NodeByReference(m.Reference!);
                if (target is null)
                {
                    if (!ctx.IsPlugin)
                        ctx.Fail(c, node, $"Reference to non-existent node or label \"{m.Reference}\"\n");
                    else
                        prop.Value.WriteCell(m.Offset, 0xffffffff);
                    continue;
                }
                var phandle = ctx.AllocatePhandle(target);
                prop.Value.WriteCell(m.Offset, phandle);
                target.IsReferenced = true;
            }
        }
    }

    public static void PathReferences(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            // a blob's property has no markers and no value object yet: asking the value would make one for each
            if (!prop.HasValueMarkers || !prop.Value.HasMarker(MarkerType.RefPath)) continue; // the list is made only to be edited
            var markers = prop.Value.Markers;
            for (var i = 0; i < markers.Count; i++)
            {
                var m = markers[i];
                if (m.Type != MarkerType.RefPath) continue;
                var target = ctx.Labels.NodeByReference(m.Reference!);
                if (target is null)
                {
                    ctx.Fail(c, node, $"Reference to non-existent node or label \"{m.Reference}\"\n");
                    continue;
                }
                var path = System.Text.Encoding.Latin1.GetBytes(target.Path + "\0");
                prop.Value.InsertAtMarker(i, path);
                target.IsReferenced = true;
            }
        }
    }

    public static void OmitUnusedNodes(Check c, CheckContext ctx, DtNode node)
    {
        if (ctx.Options.GenerateSymbols && node.Labels.Count > 0) return;
        if (node.OmitIfUnused && !node.IsReferenced)
        {
            node.MarkDeleted();
            ctx.Phandles?.Invalidate();
        }
    }
}
