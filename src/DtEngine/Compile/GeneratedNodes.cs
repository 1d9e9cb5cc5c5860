using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Compile;

/// <summary>
/// The nodes dtc generates after the checks: /aliases (-A), /__symbols__ (-@), /__fixups__ and
/// /__local_fixups__ (plugins, -L), and the reverse direction (labels and phandle markers recovered
/// from those nodes when a blob is read).
/// </summary>
internal sealed class GeneratedNodes
{
    private readonly DeviceTree _tree;
    private readonly CompileOptions _options;
    private readonly DiagnosticBag _diagnostics;
    private readonly Func<DtNode, uint> _allocatePhandle;
    private readonly Func<uint, DtNode?> _findByPhandle;

    public GeneratedNodes(DeviceTree tree, CompileOptions options, DiagnosticBag diagnostics, Func<DtNode, uint> allocatePhandle, Func<uint, DtNode?> findByPhandle)
    {
        _findByPhandle = findByPhandle;
        _tree = tree;
        _options = options;
        _diagnostics = diagnostics;
        _allocatePhandle = allocatePhandle;
    }

    private DtNode Root => _tree.Root;

    private void Warn(string text, bool endsLine = true)
    {
        if (_options.Quiet < 1) _diagnostics.Warning(null, text, text, endsLine);
    }

    private DtNode RootChild(DtNode parent, string name)
    {
        var existing = parent.GetChild(name);
        return existing ?? parent.AddChild(new DtNode(name) { MadeAfterPaths = true });
    }

    private static bool AnyLabel(DtNode node)
    {
        if (node.Labels.Count > 0) return true;
        foreach (var c in node.Children) if (AnyLabel(c)) return true;
        return false;
    }

    /// <summary>dtc's generate_label_tree: one string property per label holding the node's path.</summary>
    public void LabelTree(string name, bool allocatePhandles)
    {
        if (!AnyLabel(Root)) return;
        var an = RootChild(Root, name);
        LabelTreeInternal(an, Root, allocatePhandles);
    }

    private void LabelTreeInternal(DtNode an, DtNode node, bool allocatePhandles)
    {
        if (node.Labels.Count > 0)
        {
            foreach (var l in LabelList.Live(node.Labels))
            {
                if (an.GetProperty(l.Name) is not null)
                {
                    // dtc prints this one without a line end
                    var text = $"WARNING: label {l.Name} already exists in /{an.Name}";
                    _diagnostics.Warning(null, text, text, endsLine: false);
                    continue;
                }
                an.AddProperty(new DtProperty(l.Name, PropertyValue.FromString(node.Path)));
            }
            if (allocatePhandles) _allocatePhandle(node);
        }
        // the list may grow while walking (the new node is a child of the root); walk by index
        for (var i = 0; i < node.AllChildren.Count; i++)
            if (!node.AllChildren[i].Deleted) LabelTreeInternal(an, node.AllChildren[i], allocatePhandles);
    }

    /// <summary>Recovers labels from an existing /__symbols__ (generate_labels_from_tree).</summary>
    public void LabelsFromSymbols(string name)
    {
        var an = Root.GetChild(name);
        if (an is null) return;
        var paths = new PathIndex(Root); // adding labels changes no path
        foreach (var p in an.Properties)
        {
            var path = p.Value.AsCString();
            var target = paths.Find(path);
            if (target is not null) LabelList.Add(target.Labels, p.Name);
            else Warn($"Warning: Path {path} referenced in property {name}/{p.Name} missing", endsLine: false); // as dtc: no line end
        }
    }

    private bool AnyReference(DtNode node, bool resolvable)
    {
        foreach (var p in node.Properties)
            foreach (var m in p.ValueMarkers)
                if (m.Type == MarkerType.RefPhandle && (TreeLookup.NodeByReference(Root, m.Reference!) is not null) == resolvable)
                    return true;
        foreach (var c in node.Children) if (AnyReference(c, resolvable)) return true;
        return false;
    }

    /// <summary>Adds /__fixups__ entries for unresolved phandle references.</summary>
    public void FixupsTree(string name)
    {
        if (!AnyReference(Root, false)) return;
        var fn = RootChild(Root, name);
        if (!FixupsInternal(fn, Root))
            Warn($"Warning: Preexisting data in {name} malformed, some content could not be added.");
    }

    private bool FixupsInternal(DtNode fn, DtNode node)
    {
        var ok = true;
        foreach (var p in node.Properties)
        {
            foreach (var m in p.ValueMarkers)
            {
                if (m.Type != MarkerType.RefPhandle || TreeLookup.NodeByReference(Root, m.Reference!) is not null) continue;
                if (m.Reference!.Contains('/'))
                    throw new DtFatalException($"Can't generate fixup for reference to path &{{{m.Reference}}}");
                var path = node.Path;
                if (path.Contains(':') || p.Name.Contains(':')) throw new DtFatalException("arguments should not contain ':'");
                if (!AppendUniqueString(fn, m.Reference, $"{path}:{p.Name}:{m.Offset}")) ok = false;
            }
        }
        for (var i = 0; i < node.AllChildren.Count; i++)
            if (!node.AllChildren[i].Deleted && !FixupsInternal(fn, node.AllChildren[i])) ok = false;
        return ok;
    }

    private static bool AppendUniqueString(DtNode node, string name, string entry)
    {
        var p = node.GetProperty(name);
        if (p is not null)
        {
            var bytes = p.Value.Bytes;
            if (bytes.Length > 0 && bytes[^1] != 0) return false;
            var start = 0;
            while (start < bytes.Length)
            {
                var nul = bytes[start..].IndexOf((byte)0);
                if (Encoding.Latin1.GetString(bytes.Slice(start, nul)) == entry) return true;
                start += nul + 1;
            }
        }
        else p = node.AddProperty(new DtProperty(name, new PropertyValue()));
        p.Value.AddMarker(MarkerType.TypeString, name);
        p.Value.AppendString(entry);
        return true;
    }

    /// <summary>Adds /__local_fixups__ entries for resolved phandle references.</summary>
    public void LocalFixupsTree(string name)
    {
        if (!AnyReference(Root, true)) return;
        var lfn = RootChild(Root, name);
        if (!LocalFixupsInternal(lfn, Root))
            Warn($"Warning: Preexisting data in {name} malformed, some content could not be added.");
    }

    private bool LocalFixupsInternal(DtNode lfn, DtNode node)
    {
        var ok = true;
        foreach (var p in node.Properties)
        {
            foreach (var m in p.ValueMarkers)
            {
                if (m.Type != MarkerType.RefPhandle || TreeLookup.NodeByReference(Root, m.Reference!) is null) continue;
                var chain = new List<string>();
                for (var w = node; w.Parent is not null; w = w.Parent) chain.Insert(0, w.Name);
                var wn = lfn;
                foreach (var component in chain) wn = RootChild(wn, component);
                if (!AppendUniqueCell(wn, p.Name, (uint)m.Offset)) ok = false;
            }
        }
        for (var i = 0; i < node.AllChildren.Count; i++)
            if (!node.AllChildren[i].Deleted && !LocalFixupsInternal(lfn, node.AllChildren[i])) ok = false;
        return ok;
    }

    private static bool AppendUniqueCell(DtNode node, string name, uint value)
    {
        var p = node.GetProperty(name);
        if (p is not null)
        {
            if (p.Value.Length % 4 != 0) return false;
            for (var o = 0; o < p.Value.Length; o += 4)
                if (p.Value.ReadCell(o) == value) return true;
        }
        else p = node.AddProperty(new DtProperty(name, new PropertyValue()));
        p.Value.AddMarker(MarkerType.TypeUint32, name);
        p.Value.AppendInteger(value, 32);
        return true;
    }

    /// <summary>Turns /__fixups__ entries back into phandle markers (dtc's fixup_phandles).</summary>
    public void MarkersFromFixups(string name)
    {
        var an = Root.GetChild(name);
        if (an is null) return;
        foreach (var fp in an.Properties)
        {
            // An empty name is no label (dtc 1.8 asserts here): the value stays a number, as dtc 1.6 writes it.
            if (fp.Name.Length == 0) continue;
            var bytes = fp.Value.Bytes.ToArray();
            var pos = 0;
            while (pos < bytes.Length)
            {
                var nul = Array.IndexOf(bytes, (byte)0, pos);
                if (nul < 0)
                {
                    Warn($"Warning: Malformed fixup entry for label {fp.Name}");
                    break;
                }
                var entry = Encoding.Latin1.GetString(bytes, pos, nul - pos);
                pos = nul + 1;
                var c1 = entry.IndexOf(':');
                if (c1 < 0) { Warn($"Warning: Malformed fixup entry for label {fp.Name}"); continue; }
                var c2 = entry.IndexOf(':', c1 + 1);
                if (c2 < 0) { Warn($"Warning: Malformed fixup entry for label {fp.Name}"); continue; }
                var nodePath = entry[..c1];
                var propName = entry[(c1 + 1)..c2];
                var n = TreeLookup.NodeByPath(Root, nodePath);
                if (n is null)
                {
                    Warn($"Warning: Label {fp.Name} references non-existing node {nodePath}");
                    continue;
                }
                var p = n.GetProperty(propName);
                if (p is null)
                {
                    Warn($"Warning: Label {fp.Name} references non-existing property {n.Path} in node {propName}");
                    continue;
                }
                var offset = IO.CNumber.Strtol(entry.AsSpan(c2 + 1), 0, out _);
                if (offset < 0 || offset + 4 > p.Value.Length)
                {
                    Warn($"Warning: Label {fp.Name} contains invalid offset for property {p.Name} in node {n.Path}");
                    continue;
                }
                p.Value.InsertMarkerOrdered(0, MarkerType.RefPhandle, (int)offset, fp.Name);
            }
        }
    }

    /// <summary>Turns /__local_fixups__ back into phandle markers (dtc's local_fixup_phandles).</summary>
    public void MarkersFromLocalFixups(string name)
    {
        var an = Root.GetChild(name);
        if (an is null) return;
        LocalFixupMarkers(an, Root);
    }

    private void LocalFixupMarkers(DtNode lf, DtNode n)
    {
        foreach (var lfp in lf.Properties)
        {
            var p = n.GetProperty(lfp.Name);
            if (p is null)
            {
                Warn($"Warning: Property {lfp.Name} in {n.Path} referenced in __local_fixups__ missing");
                continue;
            }
            if (lfp.Value.Length % 4 != 0)
            {
                Warn($"Warning: property {lfp.Name} in /__local_fixups__{n.Path} malformed");
                continue;
            }
            for (var o = 0; o < lfp.Value.Length; o += 4) AddPhandleMarker(p, (int)lfp.Value.ReadCell(o));
        }
        foreach (var sub in lf.Children)
        {
            var subnode = n.GetChild(sub.Name);
            if (subnode is null)
            {
                Warn($"Warning: node {sub.Name}/{n.Path} referenced in __local_fixups__ missing");
                continue;
            }
            LocalFixupMarkers(sub, subnode);
        }
    }

    private void AddPhandleMarker(DtProperty prop, int offset)
    {
        // long: an offset just below 2^31 must not wrap past the check (found by fuzzing)
        if (offset < 0 || prop.Value.Length < (long)offset + 4)
        {
            Warn($"Warning: property {prop.Name} too short to contain a phandle at offset {(uint)offset}");
            return;
        }
        var phandle = prop.Value.ReadCell(offset);
        var target = _findByPhandle(phandle);
        if (target is null)
        {
            Warn($"Warning: node referenced by phandle 0x{phandle:x} in property {prop.Name} not found");
            return;
        }
        var reference = target.Labels.Count > 0 ? target.Labels[0].Name : target.Path;
        prop.Value.InsertMarkerOrdered(0, MarkerType.RefPhandle, offset, reference);
    }
}
