using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>
/// One lop as written in a lop file: its name, compatible, options in source order, nested lops (the
/// true/false blocks of a conditional), and, for DTS lop files, the node it came from (an add lop copies
/// its child nodes into the tree).
/// </summary>
public sealed class LopSpec
{
    public LopSpec(string name, string compatible, string file, string? location)
    {
        Name = name;
        Compatible = compatible;
        File = file;
        Location = location;
    }

    /// <summary>The lop's node name (DTS) or <c>name</c> (YAML).</summary>
    public string Name { get; }
    /// <summary>The compatible as written.</summary>
    public string Compatible { get; }
    /// <summary>The lookup key: Lopper's <c>system-device-tree-v1,lop,NAME-vN</c> reduced to NAME.</summary>
    public string Key => LopRegistry.KeyOf(Compatible);
    /// <summary>The lop file.</summary>
    public string File { get; }
    /// <summary>file:line:column of the lop, when known.</summary>
    public string? Location { get; }
    /// <summary>Options in source order.</summary>
    public List<KeyValuePair<string, LopValue>> Options { get; } = new();
    /// <summary>Nested lops, in order (conditional true/false blocks).</summary>
    public List<LopSpec> Children { get; } = new();
    /// <summary>The lop's own node (DTS lop files and YAML lops with inline nodes).</summary>
    public DtNode? Node { get; set; }
    /// <summary>The lop's phandle in its file, for <c>cond = &lt;&amp;other_lop&gt;</c>.</summary>
    public uint Phandle { get; set; }

    public LopValue? Get(string name)
    {
        foreach (var kv in Options) if (kv.Key == name) return kv.Value;
        return null;
    }

    public bool Has(string name) => Get(name) is not null;

    /// <summary>The first text of an option, or null.</summary>
    public string? Text(string name) => Get(name)?.FirstText;

    /// <summary>A required text option; a missing one is a located error.</summary>
    public string RequireText(string name)
        => Text(name) ?? throw new LopException($"lop '{Name}' needs the option '{name}'");

    /// <summary>Options whose names match <paramref name="prefix"/> followed by nothing or by anything
    /// (Lopper's <c>props('select.*')</c>), in source order.</summary>
    public IEnumerable<KeyValuePair<string, LopValue>> WithPrefix(string prefix)
        => Options.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal));

    public override string ToString() => Location is null ? $"{File}: lop '{Name}'" : $"{Location}: lop '{Name}'";
}

/// <summary>A lop file: its priority (1 runs first, default 5) and its lops in order.</summary>
public sealed class LopFile
{
    public LopFile(string path, int priority, IReadOnlyList<LopSpec> lops)
    {
        Path = path;
        Priority = priority;
        Lops = lops;
    }

    public string Path { get; }
    public int Priority { get; }
    public IReadOnlyList<LopSpec> Lops { get; }
}
