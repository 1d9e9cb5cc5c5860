using Viommu.DtEngine.Model;
using static Viommu.DtEngine.Checks.CheckHelpers;

namespace Viommu.DtEngine.Checks;

/// <summary>OF graph (ports and endpoints) rules.</summary>
internal static class GraphChecks
{
    private const string PortBus = "graph-port";
    private const string PortsBus = "graph-ports";

    public static void Nodes(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var child in node.Children)
        {
            if (!(BaseNameIs(child, "endpoint") || child.GetProperty("remote-endpoint") is not null)) continue;
            if (node.Parent is null)
            {
                ctx.Fail(c, node, $"root node contains endpoint node '{child.Name}', potentially misplaced remote-endpoint property");
                continue;
            }
            node.Bus = PortBus;
            if (node.Parent.Bus is null && (node.Parent.Name == "ports" || node.GetProperty("reg") is not null))
                node.Parent.Bus = PortsBus;
            break;
        }
    }

    private static void Reg(Check c, CheckContext ctx, DtNode node)
    {
        var prop = node.GetProperty("reg");
        if (prop is null) return;
        if (prop.Value.Length != 4)
        {
            ctx.Fail(c, node, "graph node malformed 'reg' property");
            return;
        }
        var reg = Cell(prop);
        if (!UnitAddressIs(node, reg)) ctx.Fail(c, node, $"graph node unit address error, expected \"{reg:x}\"");
        if (node.Parent!.AddressCellsSeen != 1)
            ctx.FailProperty(c, node, node.GetProperty("#address-cells"), $"graph node '#address-cells' is {node.Parent.AddressCellsSeen}, must be 1");
        if (node.Parent.SizeCellsSeen != 0)
            ctx.FailProperty(c, node, node.GetProperty("#size-cells"), $"graph node '#size-cells' is {node.Parent.SizeCellsSeen}, must be 0");
    }

    public static void Port(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Bus != PortBus) return;
        Reg(c, ctx, node);
        if (ctx.IsPlugin) return;
        if (!BaseNameIs(node, "port")) ctx.Fail(c, node, "graph port node name should be 'port'");
    }

    private static DtNode? RemoteEndpoint(Check c, CheckContext ctx, DtNode endpoint)
    {
        var prop = endpoint.GetProperty("remote-endpoint");
        if (prop is null) return null;
        var phandle = Cell(prop);
        if (phandle == 0 || phandle == 0xffffffff) return null;
        var node = ctx.FindByPhandle(phandle);
        if (node is null) ctx.FailProperty(c, endpoint, prop, "graph phandle is not valid");
        return node;
    }

    public static void Endpoint(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent is null || node.Parent.Bus != PortBus) return;
        Reg(c, ctx, node);
        if (ctx.IsPlugin) return;
        if (!BaseNameIs(node, "endpoint")) ctx.Fail(c, node, "graph endpoint node name should be 'endpoint'");
        var remote = RemoteEndpoint(c, ctx, node);
        if (remote is null) return;
        if (RemoteEndpoint(c, ctx, remote) != node)
            ctx.Fail(c, node, $"graph connection to node '{remote.Path}' is not bidirectional");
    }
}
