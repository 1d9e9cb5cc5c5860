using Viommu.DtEngine.Checks;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Compile;

/// <summary>Result of the compile step.</summary>
public enum CompileOutcome
{
    /// <summary>The tree is ready for output.</summary>
    Ok,
    /// <summary>Error-level checks failed and output was not forced (dtc exits 2).</summary>
    CheckErrors,
    /// <summary>A fatal error stopped processing (dtc exits 1).</summary>
    Fatal,
}

/// <summary>
/// Everything dtc does between reading and writing: checks (with their fix-ups), generated nodes
/// (/aliases, /__symbols__, /__fixups__, /__local_fixups__) and optional sorting.
/// </summary>
public static class DtCompiler
{
    /// <summary>Names of every check, in dtc's table order.</summary>
    public static IReadOnlyList<string> CheckNames => new CheckRunner().Names;

    /// <summary>Returns false when a -W/-E argument names no check.</summary>
    public static bool IsKnownCheckSetting(string argument)
        => new CheckRunner().Configure(true, false, argument);

    public static CompileOutcome Process(DeviceTree tree, CompileOptions options, DiagnosticBag diagnostics)
    {
        try
        {
            return ProcessCore(tree, options, diagnostics);
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return CompileOutcome.Fatal;
        }
    }

    private static CompileOutcome ProcessCore(DeviceTree tree, CompileOptions options, DiagnosticBag diagnostics)
    {
        if (options.BootCpuId is { } cpu) tree.BootCpuId = cpu;
        var generateFixups = options.GenerateFixups || tree.IsPlugin;

        var runner = new CheckRunner();
        foreach (var (warn, error, name) in options.CheckSettings)
            if (!runner.Configure(warn, error, name))
                throw new DtFatalException($"Unrecognized check name \"{IO.FileNameText.ToSourceText(name)}\"");
        var ctx = new CheckContext(tree, diagnostics, options);
        if (runner.Run(ctx))
        {
            if (!options.Force)
            {
                diagnostics.Add(new Diagnostic(Severity.Error, "checks", null, "Input tree has errors, aborting (use -f to force output)",
                    "ERROR: Input tree has errors, aborting (use -f to force output)"));
                return CompileOutcome.CheckErrors;
            }
            if (options.Quiet < 3)
                diagnostics.Add(new Diagnostic(Severity.Warning, "checks", null, "Input tree has errors, output forced",
                    "Warning: Input tree has errors, output forced"));
        }

        uint Allocate(DtNode n) => ctx.AllocatePhandle(n);
        var generated = new GeneratedNodes(tree, options, diagnostics, Allocate, ctx.FindByPhandle);
        if (options.AutoAliases) generated.LabelTree("aliases", false);
        generated.LabelsFromSymbols("__symbols__");
        if (options.GenerateSymbols) generated.LabelTree("__symbols__", true);
        generated.MarkersFromFixups("__fixups__");
        generated.MarkersFromLocalFixups("__local_fixups__");
        if (generateFixups)
        {
            generated.FixupsTree("__fixups__");
            generated.LocalFixupsTree("__local_fixups__");
        }
        if (options.Sort) Sort(tree);
        return CompileOutcome.Ok;
    }

    /// <summary>Sorts memory reservations, properties and children by name (dtc -s).</summary>
    public static void Sort(DeviceTree tree)
    {
        var sortedReserves = tree.ReserveEntries.OrderBy(r => r.Address).ThenBy(r => r.Size).ToList();
        tree.ReserveEntries.Clear();
        tree.ReserveEntries.AddRange(sortedReserves);
        SortNode(tree.Root);
    }

    private static void SortNode(DtNode node)
    {
        var props = node.AllProperties.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        node.AllProperties.Clear();
        node.AllProperties.AddRange(props);
        var children = node.AllChildren.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        node.AllChildren.Clear();
        node.AllChildren.AddRange(children);
        foreach (var c in node.AllChildren) SortNode(c);
    }
}
