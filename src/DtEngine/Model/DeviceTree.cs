namespace Viommu.DtEngine.Model;

/// <summary>A whole device tree: the root node, memory reservations, header flags (dtc's dt_info).</summary>
public sealed class DeviceTree
{
    public DeviceTree(DtNode root) => Root = root;

    public DtNode Root { get; set; }
    public List<ReserveEntry> ReserveEntries { get; } = new();
    /// <summary>True for /plugin/ sources and for blobs that carry fix-up nodes.</summary>
    public bool IsPlugin { get; set; }
    public uint BootCpuId { get; set; }

    /// <summary>
    /// For a tree read from DTS: the file name that short source annotations (<c>-T</c>) are made relative to, as
    /// dtc does (the first cpp line marker's file, else the main file). Null otherwise; the DTS writer then uses the
    /// root node's file.
    /// </summary>
    public string? AnnotationBase { get; set; }

    /// <summary>Finds a live node by absolute path (<c>/a/b@1</c>), or null.</summary>
    public DtNode? FindByPath(string path) => path == "/" ? Root : TreeLookup.NodeByPath(Root, path);

    /// <summary>Finds a live node by label, or null.</summary>
    public DtNode? FindByLabel(string label) => TreeLookup.NodeByLabel(Root, label);

    /// <summary>Finds a node by phandle value, or null.</summary>
    public DtNode? FindByPhandle(uint phandle) => TreeLookup.NodeByPhandle(Root, phandle);

    /// <summary>Resolves a reference as dtc does: a path, a label, or a label-relative path (<c>label/sub</c>).</summary>
    public DtNode? FindByReference(string reference) => TreeLookup.NodeByReference(Root, reference);
}
