using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>/chosen and /aliases rules.</summary>
internal static class ChosenChecks
{
    private static readonly System.Buffers.SearchValues<char> AliasNameChars = System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    public static void ObsoleteInterruptController(Check c, CheckContext ctx, DtNode node)
    {
        if (node != ctx.Root) return;
        var chosen = TreeLookup.NodeByPath(ctx.Root, "/chosen");
        var prop = chosen?.GetProperty("interrupt-controller");
        if (prop is not null) ctx.FailProperty(c, node, prop, "/chosen has obsolete \"interrupt-controller\" property");
    }

    public static void NodeIsRoot(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Name != "chosen") return;
        if (node.Parent != ctx.Root) ctx.Fail(c, node, "chosen node must be at root node");
    }

    public static void Bootargs(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Name != "chosen") return;
        var prop = node.GetProperty("bootargs");
        if (prop is not null && !prop.Value.IsOneString()) ctx.FailProperty(c, node, prop, "property is not a string");
    }

    public static void StdoutPath(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Name != "chosen") return;
        var prop = node.GetProperty("stdout-path");
        if (prop is null)
        {
            prop = node.GetProperty("linux,stdout-path");
            if (prop is null) return;
            ctx.FailProperty(c, node, prop, "Use 'stdout-path' instead");
        }
        if (!prop.Value.IsOneString()) ctx.FailProperty(c, node, prop, "property is not a string");
    }

    public static void AliasPaths(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Name != "aliases") return;
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            if (prop.Name is "phandle" or "linux,phandle") continue;
            if (!ctx.IsPlugin && (prop.Value.Length == 0 || TreeLookup.NodeByPath(ctx.Root, prop.Value.AsCString()) is null))
            {
                ctx.FailProperty(c, node, prop, $"aliases property is not a valid node ({(prop.Value.Length == 0 ? "(null)" : prop.Value.AsCString())})");
                continue;
            }
            if (CheckHelpers.SpanOf(prop.Name, AliasNameChars) != prop.Name.Length)
                ctx.Fail(c, node, "aliases property name must include only lowercase and '-'");
        }
    }
}
