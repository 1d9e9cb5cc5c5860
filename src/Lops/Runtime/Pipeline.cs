using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>
/// Runs lop files in Lopper's order: by file priority (1 first, default 5; equal priorities keep the given
/// order), then each file's lops in order. <c>noexec</c> skips a lop; <c>cond = &lt;&amp;lop&gt;</c> runs it only
/// if that earlier lop returned true; an exec lop runs another lop of its file. The first failing lop stops the run with its name, file, line and the
/// node it worked on, and no output file is written; otherwise every staged output is written atomically.
/// </summary>
public static class Pipeline
{
    /// <summary>Runs the lops; true when they all succeeded and the outputs were written.</summary>
    public static bool Run(LopSession session, IEnumerable<LopFile> files, bool writeOutputs = true)
    {
        var ordered = files.Select((f, i) => (f, i)).OrderBy(x => x.f.Priority).ThenBy(x => x.i).Select(x => x.f).ToList();
        foreach (var file in ordered)
        {
            var byPhandle = file.Lops.Where(l => l.Phandle != 0).GroupBy(l => l.Phandle).ToDictionary(g => g.Key, g => g.First());
            session.LopsByPhandle = byPhandle;
            foreach (var lop in file.Lops)
            {
                if (lop.Has("noexec")) continue;
                if (lop.Get("cond") is { Integers.Count: > 0 } cond)
                {
                    var target = byPhandle.GetValueOrDefault((uint)cond.Integers[0]);
                    if (target is null || !session.Results.GetValueOrDefault(target.Name)) continue;
                }
                if (!RunOne(session, lop, null, out var result)) return false;
                session.Results[lop.Name] = result;
            }
        }
        if (session.Settings.WarningsAreErrors && session.Diagnostics.Items.Any(d => d.Severity == Severity.Warning))
        {
            session.Diagnostics.Error(null, "warnings are errors (--werror); nothing was written");
            return false;
        }
        if (writeOutputs) WriteOutputs(session);
        return true;
    }

    /// <summary>Writes every staged output, each atomically.</summary>
    public static void WriteOutputs(LopSession session)
    {
        foreach (var o in session.Outputs)
        {
            if (session.Settings.DryRun)
            {
                session.Info($"dryrun: {o.Path} not written");
                continue;
            }
            var dir = Path.GetDirectoryName(o.Path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            AtomicFile.Write(o.Path, o.Content);
        }
    }

    private static bool RunOne(LopSession session, LopSpec spec, string? startNode, out bool result)
    {
        result = false;
        var lop = session.Registry.Find(spec.Compatible);
        if (lop is null)
        {
            Fail(session, spec, $"unknown lop type '{spec.Compatible}' (see 'viommu lopper --list')", null);
            return false;
        }
        try
        {
            var context = new LopContext(session, spec, startNode, (nested, start) =>
            {
                if (!RunOne(session, nested, start, out var r)) throw new NestedFailure();
                return r;
            });
            result = lop.Run(context);
            return true;
        }
        catch (LopException e)
        {
            Fail(session, spec, e.Message, e.NodePath, e.Place);
            return false;
        }
        catch (NestedFailure)
        {
            return false;
        }
    }

    /// <summary>Reports a lop's failure: placed where the tree's node or property it is about was written, when that is
    /// known (a DTS input), else at the lop.</summary>
    private static void Fail(LopSession session, LopSpec spec, string message, string? node, SourcePosition? source = null)
    {
        var lop = spec.Location ?? spec.File;
        var text = $"lop '{spec.Name}' ({spec.Compatible}): {message}" + (node is null ? "" : $" [node {node}]");
        if (source is null)
        {
            session.Diagnostics.Add(new Diagnostic(Severity.Error, "lop", lop, text, $"{lop}: error: {text}"));
            return;
        }
        // placed in the tree, the line still says which lop (a guest's pipeline, a lop file's line) failed
        var place = DtsLopReader.Where(source, "");
        session.Diagnostics.Add(new Diagnostic(Severity.Error, "lop", place, text, $"{place}: error: {lop}: {text}"));
    }

    /// <summary>A nested lop failed and has already reported; unwinds to the top-level lop.</summary>
    private sealed class NestedFailure : Exception { }
}
