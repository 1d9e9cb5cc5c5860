using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>Value-shape checks: a single string, a string list, a single cell.</summary>
internal static class ValueChecks
{
    public static void IsString(Check c, CheckContext ctx, DtNode node)
    {
        var prop = node.GetProperty((string)c.Data!);
        if (prop is not null && !prop.Value.IsOneString()) ctx.FailProperty(c, node, prop, "property is not a string");
    }

    public static void IsStringList(Check c, CheckContext ctx, DtNode node)
    {
        var prop = node.GetProperty((string)c.Data!);
        if (prop is not null) CheckStringList(c, ctx, node, prop);
    }

    private static void CheckStringList(Check c, CheckContext ctx, DtNode node, DtProperty prop)
    {
        var bytes = prop.Value.Bytes;
        var rem = bytes.Length;
        var pos = 0;
        while (rem > 0)
        {
            var nul = bytes.Slice(pos, rem).IndexOf((byte)0);
            if (nul < 0)
            {
                ctx.FailProperty(c, node, prop, "property is not a string list");
                break;
            }
            rem -= nul + 1;
            pos += nul + 1;
        }
    }

    public static void NamesIsStringList(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var prop in CheckHelpers.LiveProperties(node))
            if (prop.Name.EndsWith("-names", StringComparison.Ordinal)) CheckStringList(c, ctx, node, prop);
    }

    public static void IsCell(Check c, CheckContext ctx, DtNode node)
    {
        var prop = node.GetProperty((string)c.Data!);
        if (prop is not null && prop.Value.Length != 4) ctx.FailProperty(c, node, prop, "property is not a single cell");
    }
}
