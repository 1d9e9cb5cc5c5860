using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Viommu.DtEngine.Overlay;

/// <summary>An overlay that cannot be applied, with the reason (fdtoverlay only names a libfdt error code).</summary>
public sealed class OverlayException : Exception
{
    public OverlayException(string message) : base(message) { }
}

/// <summary>
/// Applies a compiled overlay (<c>/plugin/</c> with <c>__fixups__</c>, <c>__local_fixups__</c>, <c>__symbols__</c>)
/// to a base blob in the steps libfdt's fdt_overlay_apply takes: the overlay's phandles moved past the base's
/// highest, its local references moved with them, its external references resolved through the base's
/// <c>__symbols__</c>, each fragment's <c>__overlay__</c> merged into its target, and the overlay's symbols added
/// to the base with their new paths.
/// </summary>
public static class OverlayApplier
{
    public static void Apply(FdtBlob fdt, FdtBlob fdto)
    {
        var delta = fdt.MaxPhandle();
        AdjustPhandles(fdto, delta);
        if (fdto.PathOffset("/__local_fixups__") is { } local) UpdateLocalReferences(fdto, 0, local, v => unchecked(v + delta));
        FixupPhandles(fdt, fdto);
        PreventPhandleOverwrite(fdt, fdto);
        foreach (var fragment in fdto.Subnodes(0).ToList())
        {
            if (fdto.Subnode(fragment, "__overlay__") is not { } overlay) continue;
            var (target, _) = Target(fdt, fdto, fragment);
            ApplyNode(fdt, target, fdto, overlay);
        }
        UpdateSymbols(fdt, fdto);
    }

    private static void AdjustPhandles(FdtBlob fdto, uint delta)
    {
        foreach (var node in fdto.AllNodes().ToList())
            foreach (var name in new[] { "phandle", "linux,phandle" })
                if (fdto.FindProperty(node, name) is { } p && fdto.PropertyLength(p) == 4)
                {
                    var v = fdto.ReadCell(p, 0);
                    var adjusted = unchecked(v + delta);
                    if (adjusted < v || adjusted == 0xffffffff) throw new OverlayException($"{fdto.PathOf(node)}: phandle 0x{v:x} moved by 0x{delta:x} runs out of phandles");
                    fdto.WriteCell(p, 0, adjusted);
                }
    }

    /// <summary>Applies <paramref name="update"/> to every cell <c>__local_fixups__</c> names (the overlay's references
    /// to its own nodes).</summary>
    private static void UpdateLocalReferences(FdtBlob fdto, int tree, int fixups, Func<uint, uint> update)
    {
        foreach (var (prop, name) in fdto.Properties(fixups).ToList())
        {
            var target = fdto.FindProperty(tree, name)
                         ?? throw new OverlayException($"__local_fixups__ names {fdto.PathOf(tree)}:{name}, which the overlay does not have");
            var length = fdto.PropertyLength(prop);
            if (length % 4 != 0) throw new OverlayException($"__local_fixups__ entry {name} of {fdto.PathOf(tree)} is not a list of offsets");
            for (var i = 0; i < length; i += 4)
            {
                var offset = (int)fdto.ReadCell(prop, i);
                if (offset + 4 > fdto.PropertyLength(target)) throw new OverlayException($"__local_fixups__ offset {offset} is past the end of {fdto.PathOf(tree)}:{name}");
                fdto.WriteCell(target, offset, update(fdto.ReadCell(target, offset)));
            }
        }
        foreach (var sub in fdto.Subnodes(fixups).ToList())
        {
            var name = fdto.NodeName(sub);
            var child = fdto.Subnode(tree, name) ?? throw new OverlayException($"__local_fixups__ names {fdto.PathOf(tree)}/{name}, which the overlay does not have");
            UpdateLocalReferences(fdto, child, sub, update);
        }
    }

    private static void FixupPhandles(FdtBlob fdt, FdtBlob fdto)
    {
        if (fdto.PathOffset("/__fixups__") is not { } fixups) return;
        var symbols = fdt.PathOffset("/__symbols__");
        foreach (var (prop, label) in fdto.Properties(fixups).ToList())
        {
            if (symbols is null) throw new OverlayException($"the overlay refers to &{label}, but the base has no __symbols__ (compile it with -@)");
            var symbol = fdt.FindProperty(symbols.Value, label) ?? throw new OverlayException($"the overlay refers to &{label}, which the base's __symbols__ does not have");
            var path = Encoding.Latin1.GetString(fdt.PropertyValue(symbol)).TrimEnd('\0');
            var node = fdt.PathOffset(path) ?? throw new OverlayException($"symbol {label} names {path}, which is not in the base");
            var phandle = fdt.Phandle(node);
            if (phandle == 0) throw new OverlayException($"&{label} ({path}) has no phandle in the base");
            foreach (var entry in Encoding.Latin1.GetString(fdto.PropertyValue(prop)).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split(':');
                if (parts.Length != 3 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                    throw new OverlayException($"__fixups__ entry '{entry}' is not path:property:offset");
                var at = fdto.PathOffset(parts[0]) ?? throw new OverlayException($"__fixups__ entry '{entry}': no node {parts[0]} in the overlay");
                var p = fdto.FindProperty(at, parts[1]) ?? throw new OverlayException($"__fixups__ entry '{entry}': no property {parts[1]}");
                if (offset % 4 != 0 || offset + 4 > fdto.PropertyLength(p)) throw new OverlayException($"__fixups__ entry '{entry}': bad offset");
                fdto.WriteCell(p, offset, phandle);
            }
        }
    }

    /// <summary>
    /// libfdt 1.7.1 and later: an overlay node merged onto a base node that has a phandle must not replace it (the
    /// base's references would break), so the overlay node takes the base's value, and the overlay's own references
    /// to the old value (its <c>__local_fixups__</c>) follow. Fragments whose target an earlier fragment creates are
    /// skipped: the base has nothing there to overwrite.
    /// </summary>
    private static void PreventPhandleOverwrite(FdtBlob fdt, FdtBlob fdto)
    {
        foreach (var fragment in fdto.Subnodes(0).ToList())
        {
            if (fdto.Subnode(fragment, "__overlay__") is not { } overlay) continue;
            if (ExistingTarget(fdt, fdto, fragment) is not { } target) continue;
            KeepBasePhandles(fdt, target, fdto, overlay);
        }
    }

    private static void KeepBasePhandles(FdtBlob fdt, int baseNode, FdtBlob fdto, int overlayNode)
    {
        var basePhandle = fdt.Phandle(baseNode);
        var overlayPhandle = fdto.Phandle(overlayNode);
        if (basePhandle != 0 && overlayPhandle != 0)
        {
            foreach (var name in new[] { "phandle", "linux,phandle" })
                if (fdto.FindProperty(overlayNode, name) is { } p && fdto.PropertyLength(p) == 4) fdto.WriteCell(p, 0, basePhandle);
            if (fdto.PathOffset("/__local_fixups__") is { } local) UpdateLocalReferences(fdto, 0, local, v => v == overlayPhandle ? basePhandle : v);
        }
        foreach (var child in fdto.Subnodes(overlayNode).ToList())
            if (fdt.Subnode(baseNode, fdto.NodeName(child)) is { } baseChild) KeepBasePhandles(fdt, baseChild, fdto, child);
    }

    /// <summary>The base node a fragment targets, or null when the base does not have it (yet).</summary>
    private static int? ExistingTarget(FdtBlob fdt, FdtBlob fdto, int fragment)
    {
        if (fdto.FindProperty(fragment, "target") is { } t && fdto.PropertyLength(t) == 4) return fdt.NodeByPhandle(fdto.ReadCell(t, 0));
        if (fdto.FindProperty(fragment, "target-path") is { } tp) return fdt.PathOffset(Encoding.Latin1.GetString(fdto.PropertyValue(tp)).TrimEnd('\0'));
        return Target(fdt, fdto, fragment).Node; // neither: the merge's message
    }

    /// <summary>The base node a fragment targets (its <c>target</c> phandle or <c>target-path</c>).</summary>
    private static (int Node, string? Path) Target(FdtBlob fdt, FdtBlob fdto, int fragment)
    {
        if (fdto.FindProperty(fragment, "target") is { } t)
        {
            if (fdto.PropertyLength(t) != 4) throw new OverlayException($"{fdto.PathOf(fragment)}: target is not one phandle");
            var phandle = fdto.ReadCell(t, 0);
            var node = fdt.NodeByPhandle(phandle) ?? throw new OverlayException($"{fdto.PathOf(fragment)}: target phandle 0x{phandle:x} is not in the base");
            return (node, null);
        }
        if (fdto.FindProperty(fragment, "target-path") is { } tp)
        {
            var path = Encoding.Latin1.GetString(fdto.PropertyValue(tp)).TrimEnd('\0');
            var node = fdt.PathOffset(path) ?? throw new OverlayException($"{fdto.PathOf(fragment)}: target-path \"{path}\" is not in the base");
            return (node, path);
        }
        throw new OverlayException($"{fdto.PathOf(fragment)}: the fragment has neither target nor target-path");
    }

    private static void ApplyNode(FdtBlob fdt, int target, FdtBlob fdto, int node)
    {
        foreach (var (prop, name) in fdto.Properties(node))
            fdt.SetProperty(target, name, fdto.PropertyValue(prop));
        foreach (var sub in fdto.Subnodes(node))
        {
            var child = fdt.AddSubnode(target, fdto.NodeName(sub));
            ApplyNode(fdt, child, fdto, sub);
        }
    }

    private static void UpdateSymbols(FdtBlob fdt, FdtBlob fdto)
    {
        if (fdto.PathOffset("/__symbols__") is not { } symbols) return;
        var root = fdt.Subnode(0, "__symbols__") ?? fdt.AddSubnode(0, "__symbols__");
        foreach (var (prop, name) in fdto.Properties(symbols).ToList())
        {
            var path = Encoding.Latin1.GetString(fdto.PropertyValue(prop)).TrimEnd('\0');
            if (!path.StartsWith('/')) throw new OverlayException($"overlay symbol {name} is not a path");
            var slash = path.IndexOf('/', 1);
            if (slash < 0) continue;
            var fragmentName = path[1..slash];
            var rest = path[slash..];
            string relative;
            if (rest.StartsWith("/__overlay__/", StringComparison.Ordinal) && rest.Length > "/__overlay__/".Length) relative = rest["/__overlay__/".Length..];
            else if (rest == "/__overlay__") relative = "";
            else continue;
            var fragment = fdto.Subnode(0, fragmentName) ?? throw new OverlayException($"overlay symbol {name} names fragment {fragmentName}, which is missing");
            if (fdto.Subnode(fragment, "__overlay__") is null) throw new OverlayException($"overlay symbol {name}: {fragmentName} has no __overlay__");
            var (target, targetPath) = Target(fdt, fdto, fragment);
            var basePath = targetPath ?? fdt.PathOf(target);
            // As libfdt writes it: the target's path (nothing for the root), '/', the path inside the fragment.
            var value = (basePath.Length > 1 ? basePath : "") + "/" + relative;
            root = fdt.Subnode(0, "__symbols__")!.Value;
            fdt.SetProperty(root, name, Encoding.Latin1.GetBytes(value + "\0"));
        }
    }
}
