using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>Lopper's output: writes <c>outfile</c> (in the output folder; format by extension) with the nodes
/// <c>nodes</c> names, <c>"*"</c> for the whole tree, or the selection. The file is written when the pipeline
/// succeeds, atomically. As DTS, phandle records that point outside the output are dropped as Lopper drops them
/// (<see cref="InvalidPhandleRecords"/>) unless the run is permissive.</summary>
public sealed class OutputLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "output" };
    public string Description => "write the tree, or some of its nodes, to a file";

    public bool Run(LopContext context)
    {
        var outfile = context.Spec.RequireText("outfile");
        var nodes = NodeSet.Resolve(context, context.Tree);
        if (nodes is { Count: 0 }) return false;
        var tree = NodeSet.Build(context.Tree, nodes);
        if (!context.Session.Settings.Permissive && TreeFiles.IsDts(outfile))
            foreach (var property in InvalidPhandleRecords.Prune(tree))
            {
                var message = $"{outfile}: {property}: records whose phandle is not in the output dropped (as Lopper prints strictly; --permissive keeps them)";
                if (context.Session.Settings.WarningOn("invalid_phandle")) context.Warn("invalid_phandle: " + message);
                else context.Session.Info(message);
            }
        context.Session.StageOutput(outfile, TreeFiles.Write(tree, outfile));
        return true;
    }
}
