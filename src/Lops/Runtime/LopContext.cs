using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>What one lop sees when it runs: the session, its own spec, the tree it targets (its <c>tree</c>
/// option or the system tree), that tree's selection, and the start node a conditional passes down.</summary>
public sealed class LopContext
{
    private readonly Func<LopSpec, string?, bool> _runNested;

    public LopContext(LopSession session, LopSpec spec, string? startNode, Func<LopSpec, string?, bool> runNested)
    {
        Session = session;
        Spec = spec;
        StartNode = startNode;
        _runNested = runNested;
    }

    private DeviceTree? _tree;

    public LopSession Session { get; }
    public LopSpec Spec { get; }
    /// <summary>The tree this lop works on: the one its <c>tree</c> option names, else the system tree.</summary>
    public DeviceTree Tree => _tree ??= ResolveTree();

    private DeviceTree ResolveTree()
    {
        var name = Spec.Text("tree");
        if (name is null) return Session.Tree;
        return Session.Subtrees.TryGetValue(name, out var t) ? t : throw new LopException($"tree '{name}' was not made by an earlier tree lop");
    }
    /// <summary>Path of the node a conditional lop matched, or null.</summary>
    public string? StartNode { get; }

    /// <summary>The target tree's current selection.</summary>
    public List<DtNode> Selected
    {
        get => Session.Selection(Tree);
        set => Session.SetSelection(Tree, value);
    }

    /// <summary>Runs a nested lop (a conditional's block) with a start node; returns its result.</summary>
    public bool RunNested(LopSpec lop, string? startNode) => _runNested(lop, startNode);

    public void Warn(string message) => Session.Warn(Spec.Location, $"lop '{Spec.Name}': {message}");
}
