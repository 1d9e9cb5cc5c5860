using Viommu.Lops.Plugins;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's load: <c>load = "NAME"</c> loads a plugin assembly (NAME or NAME.dll, searched in the lop
/// file's folder and the assist paths). Python assists are refused with the way out.</summary>
public sealed class LoadLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "load" };
    public string Description => "load a plugin assembly that provides lops";

    public bool Run(LopContext context)
    {
        var name = context.Spec.RequireText("load");
        if (name.EndsWith(".py", StringComparison.Ordinal))
            throw new LopException($"'{name}' is a Python assist, which viommu cannot run; write it as a plugin lop (README 'Plugins')");
        var folders = new List<string> { Path.GetDirectoryName(Path.GetFullPath(context.Spec.File)) ?? "." };
        folders.AddRange(context.Session.Settings.AssistPaths);
        foreach (var folder in folders)
            foreach (var candidate in new[] { name, name + ".dll" })
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path))
                {
                    PluginLoading.LoadFile(path, context.Session.Registry);
                    return true;
                }
            }
        throw new LopException($"plugin '{name}' was not found in {string.Join(", ", folders)}");
    }
}

/// <summary>Lopper's assist-v1: runs the lop registered for <c>id</c> on the node <c>node</c> (a path or regex),
/// passing <c>options</c> as <c>args</c>. An id nothing provides skips the lop with a warning, as in Lopper.</summary>
public sealed class AssistLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "assist" };
    public string Description => "run a plugin lop (by its id) on a node";

    public bool Run(LopContext context)
    {
        var nodeSpec = context.Spec.RequireText("node");
        var id = context.Spec.RequireText("id");
        var node = NodeQuery.Nodes(context.Tree, nodeSpec).FirstOrDefault();
        if (node is null)
        {
            if (context.Session.Settings.WarningsAreErrors) throw new LopException($"assist target node '{nodeSpec}' is not in the tree");
            context.Warn($"assist target node '{nodeSpec}' is not in the tree; skipped");
            return false;
        }
        if (context.Session.Registry.Find(id) is null)
        {
            // As in Lopper, a missing assist skips the lop (an error only under --werror).
            if (context.Session.Settings.WarningsAreErrors) throw new LopException($"no lop or plugin provides the assist id '{id}'", node.Path);
            context.Warn($"no lop or plugin provides the assist id '{id}'; skipped");
            return false;
        }
        var call = new LopSpec(context.Spec.Name, id, context.Spec.File, context.Spec.Location) { Node = context.Spec.Node };
        call.Options.Add(new("node", LopValue.Text(node.Path)));
        if (context.Spec.Get("options") is { } options) call.Options.Add(new("args", options));
        return context.RunNested(call, node.Path);
    }
}
