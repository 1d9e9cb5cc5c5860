using Viommu.DtEngine;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Plugins;

namespace Viommu.Lops.Runtime;

/// <summary>One <c>viommu lopper</c> (or <c>viommu run</c>) invocation, as data.</summary>
public sealed record LopperJobSettings
{
    /// <summary>The system device tree (DTS, DTB or YAML).</summary>
    public required string Input { get; init; }
    /// <summary>Where the final system tree goes (format by extension), or null.</summary>
    public string? Output { get; init; }
    /// <summary>-i: lop files (DTS or YAML) and extra trees to merge into the system tree, in order.</summary>
    public IReadOnlyList<string> Inputs { get; init; } = Array.Empty<string>();
    /// <summary>Pipelines already read (viommu run).</summary>
    public IReadOnlyList<LopFile> Pipelines { get; init; } = Array.Empty<LopFile>();
    /// <summary>-a: lops (by compatible) run on the root after the lop files, with <see cref="AssistArguments"/>.</summary>
    public IReadOnlyList<string> Assists { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> AssistArguments { get; init; } = Array.Empty<string>();
    /// <summary>--plugin: folders of plugin assemblies loaded before anything runs.</summary>
    public IReadOnlyList<string> PluginFolders { get; init; } = Array.Empty<string>();
    /// <summary>/include/ search path for DTS inputs.</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = Array.Empty<string>();
    /// <summary>--symbols: a DTS input gets /__symbols__ (dtc -@), so outputs carry its labels.</summary>
    public bool Symbols { get; init; }
    public LopSettings Lops { get; init; } = new();
}

/// <summary>The outcome: success, every diagnostic, and the files written.</summary>
public sealed record LopperJobResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Written);

/// <summary>
/// Lopper's main flow: load plugins, read the system tree, merge extra trees, read lop files, run them in
/// priority order, run the -a assists, then write every output (including the final tree) atomically, or
/// nothing at all if any step failed.
/// </summary>
public static class LopperJob
{
    public static LopperJobResult Run(LopperJobSettings s, TextWriter? console = null)
    {
        var registry = BuiltInLops.CreateRegistry();
        var bag = new DiagnosticBag();
        LopperJobResult Failed() => new(false, bag.Items, Array.Empty<string>());
        try
        {
            foreach (var folder in s.PluginFolders) PluginLoading.LoadDirectory(folder, registry);
        }
        catch (LopException e)
        {
            bag.Error(null, e.Message, "error");
            return Failed();
        }

        var tree = TreeFiles.Read(s.Input, bag, s.IncludePaths, s.Symbols ? new CompileOptions { GenerateSymbols = true } : null);
        if (tree is null) return Failed();
        var files = new List<LopFile>(s.Pipelines);
        foreach (var input in s.Inputs)
        {
            var lopFile = ReadLopFileOrTree(input, tree, bag, s.IncludePaths);
            if (bag.HasErrors) return Failed();
            if (lopFile is not null) files.Add(lopFile);
        }
        if (s.Assists.Count > 0) files.Add(AssistFile(s));

        var session = new LopSession(tree, registry, s.Lops, console);
        if (!Pipeline.Run(session, files, writeOutputs: false))
        {
            bag.AddRange(session.Diagnostics.Items);
            return Failed();
        }
        try
        {
            if (s.Output is not null)
            {
                var full = Path.GetFullPath(s.Output);
                if (!s.Lops.Force && File.Exists(full)) throw new LopException($"output '{s.Output}' exists; use -f to overwrite it");
                session.StageOutput(full, TreeFiles.Write(session.Tree, s.Output));
            }
            Pipeline.WriteOutputs(session);
        }
        catch (LopException e)
        {
            bag.AddRange(session.Diagnostics.Items);
            bag.Error(null, e.Message, "error");
            return Failed();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.AddRange(session.Diagnostics.Items);
            bag.Error(null, $"cannot write output: {IoErrorText.Of(e)}", "error");
            return Failed();
        }
        bag.AddRange(session.Diagnostics.Items); // with what writing said (--dryrun)
        return new LopperJobResult(true, bag.Items, s.Lops.DryRun ? new List<string>() : session.Outputs.Select(o => o.Path).ToList());
    }

    /// <summary>A -i input is a lop file (YAML, or DTS whose root is a lop file) or a tree merged into the system tree.</summary>
    private static LopFile? ReadLopFileOrTree(string input, DeviceTree tree, DiagnosticBag bag, IReadOnlyList<string> includePaths)
    {
        if (input.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || input.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var text = File.ReadAllText(input);
                if (!text.Contains("lops:", StringComparison.Ordinal))
                {
                    TreeMerge.Merge(tree.Root, YamlTree.Read(text, input).Root);
                    return null;
                }
                return YamlLopReader.Parse(text, input).Lops;
            }
            catch (YamlInputException e) { bag.LocatedError(e.Message); return null; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                bag.Error(input, $"cannot read: {IoErrorText.Of(e, input)}");
                return null;
            }
        }
        var other = DtsLopReader.LoadLenient(input, bag, includePaths);
        if (other is null) return null;
        if (DtsLopReader.IsLopFile(other)) return DtsLopReader.FromTree(other, input, bag);
        TreeMerge.Merge(tree.Root, other.Root);
        return null;
    }

    private static LopFile AssistFile(LopperJobSettings s)
    {
        var lops = new List<LopSpec>();
        foreach (var a in s.Assists)
        {
            var spec = new LopSpec($"assist:{a}", "system-device-tree-v1,lop,assist-v1", "-a", null);
            spec.Options.Add(new("node", LopValue.Text("/")));
            spec.Options.Add(new("id", LopValue.Text(a)));
            spec.Options.Add(new("options", new LopValue(LopValueKind.Strings, new[] { string.Join(" ", s.AssistArguments) })));
            lops.Add(spec);
        }
        return new LopFile("-a", 9, lops);
    }
}
