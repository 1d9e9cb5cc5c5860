using Viommu.DtEngine;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>
/// Reads a lop file in Lopper's DTS form: root <c>compatible = "system-device-tree-v1,lop"</c> (or
/// <c>"system-device-tree-v1"</c>), optional root <c>priority</c>, lops as nodes with a lop compatible (any depth,
/// in tree order, as Lopper walks them) or any compatible directly under <c>/lops</c> (plugin lops). The
/// blocks of a conditional lop belong to it, not to the file's list.
/// </summary>
public static class DtsLopReader
{
    /// <summary>How lop files are compiled: references resolved, checks never fatal.</summary>
    public static CompileOptions LenientOptions { get; } = new() { Force = true, Quiet = 3 };

    /// <summary>Reads <paramref name="path"/>; null with located errors in the bag when it is not a lop file.</summary>
    public static LopFile? Read(string path, DiagnosticBag diagnostics)
    {
        var tree = LoadLenient(path, diagnostics);
        return tree is null ? null : FromTree(tree, path, diagnostics);
    }

    /// <summary>Reads a DTS/DTB that may be a lop file: a lop file is not a device tree, so dtc's checks (node
    /// names, reg formats) neither stop it nor add warnings; only reading errors are reported.</summary>
    public static DeviceTree? LoadLenient(string path, DiagnosticBag diagnostics, IEnumerable<string>? includePaths = null)
    {
        var checks = new DiagnosticBag();
        var tree = TreeLoader.Load(path, checks, includePaths, LenientOptions);
        if (tree is null) diagnostics.AddRange(checks.Items.Where(d => d.Severity == Severity.Error));
        return tree;
    }

    public static LopFile? FromTree(DeviceTree tree, string path, DiagnosticBag diagnostics)
    {
        if (!IsLopFile(tree))
        {
            diagnostics.Error(Where(tree.Root, path), "not a lop file: the root needs compatible = \"system-device-tree-v1,lop\"");
            return null;
        }
        var priority = 5;
        if (tree.Root.GetProperty("priority") is { } pp)
        {
            var value = LopperValue.FromProperty(pp.Value);
            if (value.IsText || value.Count != 1 || value.Integers[0] is < 1 or > 9)
            {
                diagnostics.Error(Where(pp.Position, path), "priority must be one cell from 1 to 9");
                return null;
            }
            priority = (int)value.Integers[0];
        }
        var lops = new List<LopSpec>();
        Collect(tree.Root, path, lops);
        return new LopFile(path, priority, lops);
    }

    private static void Collect(DtNode node, string path, List<LopSpec> lops)
    {
        var isLopsFolder = node.Name == "lops" && node.Parent?.Parent is null;
        foreach (var child in node.Children)
        {
            var compatible = FirstString(child, "compatible");
            var isLop = compatible is not null && (LopRegistry.IsLopperLop(compatible) || isLopsFolder);
            if (isLop)
            {
                var spec = ToSpec(child, compatible!, path);
                lops.Add(spec);
                // A conditional's subnodes are its condition chain and its blocks; the add lop's are content.
                if (spec.Key is "conditional" or "add") continue;
            }
            Collect(child, path, lops);
        }
    }

    /// <summary>Turns a lop node into a spec; a conditional's true/false children become nested lops.</summary>
    public static LopSpec ToSpec(DtNode node, string compatible, string path)
    {
        var spec = new LopSpec(node.Name, compatible, path, Where(node, path)) { Node = node, Phandle = node.Phandle };
        foreach (var p in node.Properties)
        {
            if (p.Name is "phandle" or "linux,phandle") continue;
            spec.Options.Add(new(p.Name, ToValue(p, path)));
        }
        if (spec.Key == "conditional")
        {
            foreach (var c in node.Children)
            {
                var cc = FirstString(c, "compatible");
                if (cc is not null && (c.Name.StartsWith("true", StringComparison.Ordinal) || c.Name.StartsWith("false", StringComparison.Ordinal)))
                    spec.Children.Add(ToSpec(c, cc, path));
            }
        }
        return spec;
    }

    private static LopValue ToValue(DtProperty p, string path)
    {
        var location = Where(p.Position, path);
        if (p.Value.Length == 0) return new LopValue(LopValueKind.Flag, location: location);
        var v = LopperValue.FromProperty(p.Value);
        return v.IsText
            ? new LopValue(LopValueKind.Strings, v.Strings, location: location)
            : new LopValue(LopValueKind.Integers, integers: v.Integers, location: location);
    }

    /// <summary>True when the root's first compatible starts with <c>system-device-tree-v1</c> (a lop file, not a tree).</summary>
    public static bool IsLopFile(DeviceTree tree)
        => FirstString(tree.Root, "compatible")?.StartsWith("system-device-tree-v1", StringComparison.Ordinal) == true;

    private static string? FirstString(DtNode node, string name)
    {
        var p = node.GetProperty(name);
        if (p is null || p.Value.Length == 0) return null;
        var v = LopperValue.FromProperty(p.Value);
        return v.IsText ? v.Strings[0] : null;
    }

    private static string Where(DtNode node, string path) => Where(node.Position, path);

    /// <summary>file:line:column of a position, or the file alone.</summary>
    public static string Where(SourcePosition? position, string path)
        => position is null ? path : $"{position.File}:{position.FirstLine}:{position.FirstColumn}";
}
