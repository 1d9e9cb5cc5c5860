using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>Settings of a pipeline run (Lopper's command-line switches).</summary>
public sealed record LopSettings
{
    /// <summary>Folder output lops write into (-O).</summary>
    public string OutputDirectory { get; init; } = ".";
    /// <summary>Overwrite existing output files (-f).</summary>
    public bool Force { get; init; }
    /// <summary>Warnings fail the run (--werror).</summary>
    public bool WarningsAreErrors { get; init; }
    /// <summary>Tolerate unresolved references and missing nodes where Lopper would (--permissive).</summary>
    public bool Permissive { get; init; }
    /// <summary>Folders searched for plugins named by load lops (-A).</summary>
    public IReadOnlyList<string> AssistPaths { get; init; } = Array.Empty<string>();
    /// <summary>Verbosity (-v, repeatable).</summary>
    public int Verbose { get; init; }
    /// <summary>Run every lop but write no file (--dryrun).</summary>
    public bool DryRun { get; init; }
    /// <summary>Lopper's -W warnings turned on (<c>invalid_phandle</c>, or <c>all</c>).</summary>
    public IReadOnlyCollection<string> Warnings { get; init; } = Array.Empty<string>();

    /// <summary>Whether Lopper's warning <paramref name="name"/> was asked for with -W.</summary>
    public bool WarningOn(string name) => Warnings.Contains(name) || Warnings.Contains("all");
}

/// <summary>
/// The state a pipeline's lops share: the system tree and named subtrees, each tree's selection, staged
/// output files, results of earlier lops, and typed state that lops hand on (the Xen plan, for instance).
/// </summary>
public sealed class LopSession
{
    private readonly Dictionary<DeviceTree, List<DtNode>> _selections = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, object> _state = new(StringComparer.Ordinal);
    private readonly List<StagedOutput> _outputs = new();

    public LopSession(DeviceTree tree, LopRegistry registry, LopSettings? settings = null, TextWriter? console = null)
    {
        Tree = tree;
        Registry = registry;
        Settings = settings ?? new LopSettings();
        Console = console ?? TextWriter.Null;
    }

    /// <summary>The system device tree the lops work on.</summary>
    public DeviceTree Tree { get; set; }
    public LopRegistry Registry { get; }
    public LopSettings Settings { get; }
    /// <summary>Where print lops write.</summary>
    public TextWriter Console { get; }
    public DiagnosticBag Diagnostics { get; } = new();
    /// <summary>Named trees made by tree lops (or by plugins).</summary>
    public Dictionary<string, DeviceTree> Subtrees { get; } = new(StringComparer.Ordinal);
    /// <summary>Result of each lop run so far, by lop name (for <c>cond</c>).</summary>
    public Dictionary<string, bool> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>The lops of the file being run, by phandle (<c>cond</c> and <c>exec</c> name lops by reference).</summary>
    public IReadOnlyDictionary<uint, LopSpec> LopsByPhandle { get; set; } = new Dictionary<uint, LopSpec>();
    /// <summary>Files written so far by output lops, not yet on disk.</summary>
    public IReadOnlyList<StagedOutput> Outputs => _outputs;

    /// <summary>The current selection of <paramref name="tree"/>.</summary>
    public List<DtNode> Selection(DeviceTree tree)
    {
        if (!_selections.TryGetValue(tree, out var list)) _selections[tree] = list = new List<DtNode>();
        return list;
    }

    public void SetSelection(DeviceTree tree, List<DtNode> nodes) => _selections[tree] = nodes;

    /// <summary>Typed state handed from lop to lop, by key.</summary>
    public T? Get<T>(string key) where T : class => _state.GetValueOrDefault(key) as T;

    public void Set<T>(string key, T value) where T : class => _state[key] = value;

    /// <summary>Records an output file; it is written only if the whole pipeline succeeds. An existing file
    /// without <see cref="LopSettings.Force"/>, or a second output to one path, is an error now.</summary>
    public void StageOutput(string fileName, byte[] content)
    {
        var path = Path.IsPathRooted(fileName) ? fileName : Path.Combine(Settings.OutputDirectory, fileName);
        var full = Path.GetFullPath(path);
        if (_outputs.Any(o => o.Path == full))
            throw new LopException($"output '{fileName}' is written twice in one run");
        if (!Settings.Force && File.Exists(full))
            throw new LopException($"output '{full}' exists; use -f to overwrite it");
        _outputs.Add(new StagedOutput(full, content));
    }

    public void Warn(string? location, string message)
        => Diagnostics.Add(new Diagnostic(Severity.Warning, "lop", location, message,
            location is null ? $"warning: {message}" : $"{location}: warning: {message}"));

    public void Info(string message)
    {
        if (Settings.Verbose > 0) Diagnostics.Add(new Diagnostic(Severity.Info, "lop", null, message, $"info: {message}"));
    }
}

/// <summary>An output file waiting for the pipeline to finish.</summary>
public sealed record StagedOutput(string Path, byte[] Content);
