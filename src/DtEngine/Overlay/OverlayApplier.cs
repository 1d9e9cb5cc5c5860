using System.Text;
using Viommu.DtEngine.IO;

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
                if (fdto.FindProperty(node, name) is { } p)
                {
                    // libfdt refuses a phandle property that is not one cell here (FDT_ERR_BADPHANDLE)
                    if (fdto.PropertyLength(p) != 4) throw new OverlayException($"{fdto.PathOf(node)}: {name} is not one cell");
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
            var path = fdt.PropertyString(symbol);
            var node = fdt.PathOffset(path) ?? throw new OverlayException($"symbol {label} names {path}, which is not in the base");
            var phandle = fdt.Phandle(node);
            if (phandle == 0) throw new OverlayException($"&{label} ({path}) has no phandle in the base");
            foreach (var (fixupPath, fixupName, offset) in FixupEntries(fdto, prop, label))
            {
                var entry = $"{fixupPath}:{fixupName}:{offset}";
                var at = fdto.PathOffset(fixupPath) ?? throw new OverlayException($"__fixups__ entry '{entry}': no node {fixupPath} in the overlay");
                var p = fdto.FindProperty(at, fixupName) ?? throw new OverlayException($"__fixups__ entry '{entry}': no property {fixupName}");
                // any byte offset, as libfdt writes the cell (fdt_setprop_inplace_namelen_partial), but inside the
                // value: where libfdt's 32-bit sum wraps it writes outside it
                if ((ulong)offset + 4 > (ulong)fdto.PropertyLength(p)) throw new OverlayException($"__fixups__ entry '{entry}': offset past the end of {fixupName}");
                fdto.WriteCell(p, (int)offset, phandle);
            }
        }
    }

    /// <summary>
    /// A <c>__fixups__</c> value as libfdt reads it: NUL-terminated entries <c>path:property:offset</c>, none empty,
    /// the offset in decimal as strtoul reads it (blanks and a sign first) up to the entry's end.
    /// </summary>
    private static List<(string Path, string Name, uint Offset)> FixupEntries(FdtBlob fdto, int prop, string label)
    {
        var value = fdto.PropertyValue(prop);
        var entries = new List<(string, string, uint)>();
        var start = 0;
        do
        {
            var end = Array.IndexOf(value, (byte)0, start);
            if (end < 0) throw new OverlayException($"__fixups__ entry of {label} does not end with a NUL");
            var entry = Encoding.Latin1.GetString(value, start, end - start);
            start = end + 1;
            var first = entry.IndexOf(':');
            var second = first < 0 ? -1 : entry.IndexOf(':', first + 1);
            if (first < 0 || first == entry.Length - 1 || second < 0 || second == first + 1 || ParseOffset(entry.AsSpan(second + 1)) is not { } offset)
                throw new OverlayException($"__fixups__ entry '{entry}' is not path:property:offset");
            entries.Add((entry[..first], entry[(first + 1)..second], offset));
        } while (start < value.Length);
        return entries;
    }

    /// <summary>strtoul(text, &amp;end, 10) that must read at least one digit and end at the text's end; the offset is an
    /// int in libfdt, passed on as a 32-bit index.</summary>
    private static uint? ParseOffset(ReadOnlySpan<char> text)
    {
        var value = CNumber.Strtoul(text, 10, out var end);
        return end == 0 || end != text.Length ? null : unchecked((uint)value);
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
    private static int? ExistingTarget(FdtBlob fdt, FdtBlob fdto, int fragment) => TargetOffset(fdt, fdto, fragment, out _);

    /// <summary>The base node a fragment targets (its <c>target</c> phandle or <c>target-path</c>).</summary>
    private static (int Node, string? Path) Target(FdtBlob fdt, FdtBlob fdto, int fragment)
    {
        if (TargetOffset(fdt, fdto, fragment, out var path) is { } node) return (node, path);
        throw new OverlayException(path is null
            ? $"{fdto.PathOf(fragment)}: target phandle 0x{fdto.ReadCell(fdto.FindProperty(fragment, "target")!.Value, 0):x} is not in the base"
            : $"{fdto.PathOf(fragment)}: target-path \"{path}\" is not in the base");
    }

    /// <summary>
    /// libfdt's fdt_overlay_target_offset: a <c>target</c> of one cell other than 0 names the node by phandle (0 means
    /// none: <c>target-path</c> is used), a path is read up to its first NUL. Null when the base has no such node;
    /// a fragment with a malformed <c>target</c>, or with neither, is refused.
    /// </summary>
    private static int? TargetOffset(FdtBlob fdt, FdtBlob fdto, int fragment, out string? path)
    {
        path = null;
        if (fdto.FindProperty(fragment, "target") is { } t)
        {
            if (fdto.PropertyLength(t) != 4 || fdto.ReadCell(t, 0) == 0xffffffff)
                throw new OverlayException($"{fdto.PathOf(fragment)}: target is not one phandle");
            var phandle = fdto.ReadCell(t, 0);
            if (phandle != 0) return fdt.NodeByPhandle(phandle);
        }
        if (fdto.FindProperty(fragment, "target-path") is not { } tp)
            throw new OverlayException($"{fdto.PathOf(fragment)}: the fragment has neither target nor target-path");
        path = fdto.PropertyString(tp);
        return fdt.PathOffset(path);
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
            // one string, its only NUL at the end, as libfdt requires of a symbol
            var bytes = fdto.PropertyValue(prop);
            if (!Latin1Text.IsOneCString(bytes)) throw new OverlayException($"overlay symbol {name} is not one string");
            var path = Latin1Text.CString(bytes);
            if (!path.StartsWith('/')) throw new OverlayException($"overlay symbol {name} is not a path");
            var slash = path.IndexOf('/', 1);
            if (slash < 0) continue;
            var fragmentName = path[1..slash];
            var rest = path[slash..];
            string relative;
            // "/frag/__overlay__/" too: an empty path inside the fragment, so the symbol ends in '/' (as in libfdt)
            if (rest.StartsWith("/__overlay__/", StringComparison.Ordinal)) relative = rest["/__overlay__/".Length..];
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
