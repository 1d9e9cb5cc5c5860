using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>
/// Runs dtc's checks in table order with its defaults, -W/-E control and prerequisite short-circuiting.
/// Some checks also fix the tree up (phandle and path references, omitted nodes, redundant name
/// properties), exactly as in dtc, so they run on every compile.
/// </summary>
internal sealed partial class CheckRunner
{
    private readonly Check[] _table;

    public CheckRunner()
    {
        _table = BuildTable();
    }

    public IReadOnlyList<string> Names => Array.ConvertAll(_table, c => c.Name);

    /// <summary>Applies one -W/-E option. Returns false for an unknown check name.</summary>
    public bool Configure(bool warn, bool error, string argument)
    {
        var name = argument;
        var enable = true;
        if (argument.StartsWith("no-", StringComparison.Ordinal) || argument.StartsWith("no_", StringComparison.Ordinal))
        {
            name = argument[3..];
            enable = false;
        }
        foreach (var c in _table)
        {
            if (c.Name != name) continue;
            if (enable) Enable(c, warn, error);
            else Disable(c, warn, error);
            return true;
        }
        return false;
    }

    private static void Enable(Check c, bool warn, bool error)
    {
        if ((warn && !c.Warn) || (error && !c.Error))
            foreach (var p in c.Prereqs) Enable(p, warn, error);
        c.Warn = c.Warn || warn;
        c.Error = c.Error || error;
    }

    private void Disable(Check c, bool warn, bool error)
    {
        if ((warn && c.Warn) || (error && c.Error))
        {
            foreach (var cc in _table)
                foreach (var p in cc.Prereqs)
                    if (p == c) Disable(cc, warn, error);
        }
        c.Warn = c.Warn && !warn;
        c.Error = c.Error && !error;
    }

    /// <summary>Runs every enabled check; returns true when an error-level check failed.</summary>
    public bool Run(CheckContext ctx)
    {
        var keys = new KeyNames();
        foreach (var c in _table)
            if (c.KeyProperty is { } key) keys.Add(key);
        var walk = new NodeWalk(ctx.Root, keys);
        var error = false;
        foreach (var c in _table)
            if (c.Warn || c.Error)
                error = error || RunCheck(c, ctx, walk);
        return error;
    }

    private static bool RunCheck(Check c, CheckContext ctx, NodeWalk walk)
    {
        var error = false;
        if (c.Status == CheckStatus.Unchecked)
        {
            c.InProgress = true;
            foreach (var prq in c.Prereqs)
            {
                error = error || RunCheck(prq, ctx, walk);
                if (prq.Status != CheckStatus.Passed)
                {
                    // a message only: the status stays PREREQ, not FAILED
                    ctx.Fail(c, null, $"Failed prerequisite '{prq.Name}'");
                    c.Status = CheckStatus.Prereq;
                }
            }
            if (c.Status == CheckStatus.Unchecked)
            {
                if (c.Fn is { } fn)
                {
                    if (c.KeyProperty is { } key) walk.VisitHolders(c, ctx, fn, key);
                    else walk.Visit(c, ctx, fn);
                }
                if (c.Status == CheckStatus.Unchecked) c.Status = CheckStatus.Passed;
            }
        }
        c.InProgress = false;
        if (c.Status != CheckStatus.Passed && c.Error) error = true;
        return error;
    }
}
