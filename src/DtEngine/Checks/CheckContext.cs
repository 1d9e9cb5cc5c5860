using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>What checks see: the tree, options that change their behaviour, and the sink.</summary>
internal sealed class CheckContext
{
    public CheckContext(DeviceTree tree, DiagnosticBag diagnostics, CompileOptions options)
    {
        Tree = tree;
        Diagnostics = diagnostics;
        Options = options;
    }

    public DeviceTree Tree { get; }
    public DtNode Root => Tree.Root;
    public DiagnosticBag Diagnostics { get; }
    public CompileOptions Options { get; }
    public bool IsPlugin => Tree.IsPlugin;
    // The phandle allocator's position (dtc keeps it in a static).
    private uint _nextPhandle = 1;

    /// <summary>Phandle lookups for every check (a tree walk per lookup is quadratic on real trees).</summary>
    public PhandleIndex? Phandles { get; private set; }

    /// <summary>Label and reference lookups shared by the checks (the tree's labels do not change while they run).</summary>
    public LabelCache Labels => _labels ??= new LabelCache(Tree.Root);

    private LabelCache? _labels;

    /// <summary>Scratch for the duplicate-name check: live properties by name, one node at a time.</summary>
    public Dictionary<string, int> PropertyNameCounts { get; } = new(StringComparer.Ordinal);

    public DtNode? FindByPhandle(uint phandle) => (Phandles ??= new PhandleIndex(Tree.Root)).Find(phandle);

    public uint AllocatePhandle(DtNode node)
        => PhandleAllocator.Get(Phandles ??= new PhandleIndex(Tree.Root), node, Options.PhandleFormat, ref _nextPhandle);

    public void Fail(Check c, DtNode? node, string message) => Report(c, node, null, message);

    public void FailProperty(Check c, DtNode node, DtProperty? prop, string message) => Report(c, node, prop, message);

    private void Report(Check c, DtNode? node, DtProperty? prop, string message)
    {
        c.Status = CheckStatus.Failed;
        var quiet = Options.Quiet;
        if (!(c.Warn && quiet < 1) && !(c.Error && quiet < 2)) return;
        var pos = prop?.Position ?? node?.Position;
        string location = pos is not null ? pos.ToString()
            : Options.OutputName == "-" ? "<stdout>" : IO.FileNameText.ToSourceText(Options.OutputName);
        var text = new System.Text.StringBuilder();
        text.Append(location).Append(": ").Append(c.Error ? "ERROR" : "Warning").Append(" (").Append(c.Name).Append("): ");
        if (node is not null)
        {
            text.Append(node.Path);
            if (prop is not null) text.Append(':').Append(prop.Name);
            text.Append(": ");
        }
        text.Append(message);
        if (prop is null && pos is not null && node is not null)
        {
            for (var p = node.Position!.Next; p is not null; p = p.Next)
                text.Append("\n  also defined at ").Append(p);
        }
        var path = node is null ? null : prop is null ? node.Path : node.Path + ":" + prop.Name;
        Diagnostics.Add(new Diagnostic(c.Error ? Severity.Error : Severity.Warning, c.Name, pos?.ToString(),
            path is null ? message : path + ": " + message, text.ToString()));
    }
}
