using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

internal enum CheckStatus { Unchecked, Prereq, Passed, Failed }

/// <summary>One named rule, run on every node, with prerequisites (dtc's struct check).</summary>
internal sealed class Check
{
    public Check(string name, Action<Check, CheckContext, DtNode>? fn, bool warn, bool error, params Check[] prereqs)
    {
        Name = name;
        Fn = fn;
        Warn = warn;
        Error = error;
        Prereqs = prereqs;
    }

    public string Name { get; }
    public Action<Check, CheckContext, DtNode>? Fn { get; }
    public bool Warn { get; set; }
    public bool Error { get; set; }
    public Check[] Prereqs { get; }
    public CheckStatus Status { get; set; }
    public bool InProgress { get; set; }
    /// <summary>Per-check data (a property name or a provider), as dtc's c->data.</summary>
    public object? Data { get; set; }
    /// <summary>
    /// Set when the check does nothing on a node without a live property of this name: it then runs only on the
    /// nodes that hold one (<see cref="NodeWalk.VisitHolders"/>).
    /// </summary>
    public string? KeyProperty { get; set; }
}
