using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>
/// Lopper's modify, <c>modify = "PATH:PROP:VALUE"</c>: set a property (<c>/path:prop:value</c>, or <c>:prop:value</c>
/// on the selection), delete one (<c>/path:prop:</c>, on the node and its subnodes as Lopper does), delete a node
/// (<c>/path::</c>), rename it (<c>/path::newname</c>) or move it (<c>/path::/new/parent/name</c>). Values are typed as
/// Lopper types them; <c>&amp;label</c> is that node's phandle (made if missing), <c>&amp;label#prop</c> its property.
/// </summary>
public sealed class ModifyLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "modify" };
    public string Description => "set, delete or rename properties; rename, move or delete nodes";

    public bool Run(LopContext context)
    {
        var expression = context.Spec.Text("modify");
        if (string.IsNullOrEmpty(expression)) return true;
        var parts = expression.Split(':');
        if (parts.Length < 3)
            throw new LopException($"bad modify string '{expression}': expected PATH:PROPERTY:VALUE (use '' for empty parts)");
        var (path, prop, value) = (parts[0], parts[1], string.Join(":", parts[2..]));
        if (parts.Length > 3 && !value.StartsWith('<') && !value.Contains('"'))
            throw new LopException($"bad modify string '{expression}': more than three ':'-separated parts");
        var tree = context.Tree;
        var strict = context.Spec.Text("flags")?.Contains("strict") == true;

        if (prop.Length > 0)
            return value.Length == 0 ? DeleteProperty(context, tree, path, prop) : SetProperty(context, tree, path, prop, value, strict);
        var target = path.Length == 0 ? context.Selected.FirstOrDefault() : FindExact(tree, path);
        if (target is null) throw new LopException($"no nodes found for '{path}'", path);
        if (target.Parent is null) throw new LopException("the root node cannot be deleted, renamed or moved", "/");
        if (value.Length == 0) target.Parent.RemoveChild(target);
        else MoveOrRename(tree, target, value);
        return true;
    }

    /// <summary>Lopper's <c>tree[path]</c>: an exact path, else the first path the regex finds.</summary>
    private static DtNode? FindExact(DeviceTree tree, string path) => NodeQuery.ExactPath(tree, path) ?? NodeQuery.Nodes(tree, path).FirstOrDefault();

    private static bool DeleteProperty(LopContext context, DeviceTree tree, string path, string prop)
    {
        List<DtNode> nodes;
        if (path.Length == 0)
        {
            if (context.Selected.Count == 0) { context.Warn("no nodes supplied to modify, and no nodes are selected"); return false; }
            nodes = context.Selected;
        }
        else
        {
            nodes = FindExact(tree, path) is { } start ? NodeQuery.Subtree(start) : new List<DtNode>();
        }
        foreach (var n in nodes) n.RemoveProperty(prop);
        return true;
    }

    private static bool SetProperty(LopContext context, DeviceTree tree, string path, string prop, string value, bool strict)
    {
        List<DtNode> nodes;
        if (path.Length == 0)
        {
            if (context.Selected.Count == 0) { context.Warn("no nodes supplied to modify, and no nodes are selected"); return false; }
            nodes = context.Selected;
        }
        else
        {
            nodes = NodeQuery.Nodes(tree, path);
        }
        if (nodes.Count == 0) context.Warn($"node {path} not found, property {prop} not modified");
        var bytes = value.Contains('&') ? Reference(context, tree, value, strict) : LopperValue.FromText(value).ToProperty();
        foreach (var n in nodes) n.SetProperty(prop, bytes.Clone());
        return true;
    }

    private static PropertyValue Reference(LopContext context, DeviceTree tree, string value, bool strict)
    {
        var hash = value.IndexOf('#');
        var name = (hash < 0 ? value : value[..hash]).Replace("&", "");
        var targetProp = hash < 0 ? null : value[(hash + 1)..];
        var found = NodeQuery.Nodes(tree, name, strict).FirstOrDefault() ?? NodeQuery.ByLabel(tree, name).FirstOrDefault();
        if (found is null)
        {
            if (!context.Session.Settings.Permissive) context.Warn($"'{value}': no node has the path or label '{name}'; 0 is used");
            return PropertyValue.FromCells(0);
        }
        if (targetProp is not null)
            return found.GetProperty(targetProp)?.Value.Clone() ?? PropertyValue.FromCells(found.Phandle);
        return PropertyValue.FromCells(TreeEdits.EnsurePhandle(tree, found));
    }

    private static void MoveOrRename(DeviceTree tree, DtNode node, string value)
    {
        var destination = value.StartsWith('/') ? value : "/" + value;
        var sourceParentPath = node.Parent!.Path;
        var lastSlash = destination.TrimEnd('/').LastIndexOf('/');
        var destParentPath = lastSlash <= 0 ? "/" : destination[..lastSlash];
        var newName = destination.TrimEnd('/')[(lastSlash + 1)..];
        if (newName.Length == 0) throw new LopException($"'{value}' names no node", node.Path);
        if (destParentPath != sourceParentPath)
        {
            var newParent = NodeQuery.ExactPath(tree, destParentPath) ?? throw new LopException($"cannot move to '{destination}': '{destParentPath}' does not exist", node.Path);
            for (var p = newParent; p is not null; p = p.Parent)
                if (ReferenceEquals(p, node)) throw new LopException($"cannot move a node into itself ('{destination}')", node.Path);
            node.Parent!.RemoveChild(node);
            if (newParent.GetChild(newName) is { } clash) newParent.RemoveChild(clash);
            node.Name = newName;
            newParent.AddChild(node);
            return;
        }
        if (node.Name == newName) return;
        if (node.Parent!.GetChild(newName) is { } existing) node.Parent.RemoveChild(existing);
        node.Name = newName;
    }
}
