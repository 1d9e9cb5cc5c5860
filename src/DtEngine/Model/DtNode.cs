namespace Viommu.DtEngine.Model;

/// <summary>
/// A device-tree node. Deleted nodes and properties stay in their lists, marked, so that a later
/// definition re-instates them in their original place, as dtc does.
/// </summary>
public sealed class DtNode : IDeletable
{
    public DtNode(string name) => Name = name;

    /// <summary>Full name, including any unit address (<c>serial@1000</c>); empty for the root.</summary>
    public string Name { get; set; }
    public DtNode? Parent { get; internal set; }
    public List<DtProperty> AllProperties { get; } = new();
    public List<DtNode> AllChildren { get; } = new();
    public List<Label> Labels { get; } = new();
    public bool Deleted { get; set; }
    public SourcePosition? Position { get; set; }
    /// <summary>The node's phandle once known (explicit or allocated); 0 when none.</summary>
    public uint Phandle { get; set; }
    public bool OmitIfUnused { get; set; }
    public bool IsReferenced { get; set; }

    // Filled by the checks, as dtc does (node->addr_cells, node->size_cells, node->bus).
    internal int AddressCellsSeen { get; set; }
    internal int SizeCellsSeen { get; set; }
    internal string? Bus { get; set; }

    /// <summary>Name without the unit address.</summary>
    public string BaseName
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? Name : Name[..at];
        }
    }

    /// <summary>
    /// Made by the compiler after the point where dtc fills in every node's full path and base-name length (the
    /// generated /aliases, /__symbols__ and fix-up nodes): dtc's asm output for blob versions 1-3 shows that, writing
    /// such a node's path as "(null)" and its "name" property as if the base name were empty.
    /// </summary>
    internal bool MadeAfterPaths { get; init; }

    /// <summary>Length of the base name (dtc's basenamelen).</summary>
    public int BaseNameLength
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? Name.Length : at;
        }
    }

    /// <summary>The unit address after '@', or empty.</summary>
    public string UnitAddress
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? "" : Name[(at + 1)..];
        }
    }

    /// <summary>The same without making a string (the checks read it for every node).</summary>
    internal ReadOnlySpan<char> UnitAddressSpan
    {
        get
        {
            var at = Name.IndexOf('@');
            return at < 0 ? default : Name.AsSpan(at + 1);
        }
    }

    /// <summary>The node's path from the root, e.g. <c>/soc/serial@1000</c>; the root is <c>/</c>.</summary>
    public string Path
    {
        get
        {
            if (Parent is null) return Name.Length == 0 ? "/" : "/" + Name;
            var parentPath = Parent.Path;
            return parentPath.EndsWith('/') ? parentPath + Name : parentPath + "/" + Name;
        }
    }

    /// <summary>Live (not deleted) properties in order.</summary>
    public LiveItems<DtProperty> Properties => new(AllProperties);

    /// <summary>Live (not deleted) children in order.</summary>
    public LiveItems<DtNode> Children => new(AllChildren);

    public bool HasLiveChildren => !Children.IsEmpty;

    /// <summary>The first live property with this name, or null.</summary>
    /// <remarks>
    /// The checks ask every node for some fifty names, most of them absent, so a node past a few properties keeps
    /// one bit per name it holds (a name's hash picks the bit) and answers "absent" from the bits. The bits are
    /// made again whenever <see cref="AllProperties"/> changed (the list's own version counts every Add, Insert,
    /// Remove and assignment) or any property was renamed. Writing the list through
    /// <c>CollectionsMarshal.AsSpan</c> bypasses the version: call <see cref="PropertiesChanged"/> after doing so.
    /// Several threads may look up properties of an unchanging tree at once (the bits are published after they
    /// are made); editing while others read is not supported.
    /// </remarks>
    public DtProperty? GetProperty(string name)
    {
        var props = AllProperties;
        if (props.Count > ScanWithoutBits && (NameBits() & NameBit(name)) == 0) return null;
        foreach (var p in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(props))
            if (p.Name.Length == name.Length && !p.Deleted && p.Name == name) return p;
        return null;
    }

    /// <summary>Changes whenever <see cref="AllProperties"/> gains, loses or replaces a property (the list's own count of changes).</summary>
    internal int PropertyListVersion => ListVersion(AllProperties);

    /// <summary>Forgets what <see cref="GetProperty"/> knows of the property names (after writing the list in place).</summary>
    public void PropertiesChanged() => _nameBitsVersion = -1;

    // below this many properties a scan costs no more than the bits
    private const int ScanWithoutBits = 4;
    private ulong _nameBits;
    private int _nameBitsVersion = -1;
    private int _nameBitsRenames;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private ulong NameBits()
    {
        // the tags are read before the bits and written after them, with acquire and release: a reader on another
        // thread that sees current tags sees the bits made for them, on weakly ordered processors too
        if (ListVersion(AllProperties) != Volatile.Read(ref _nameBitsVersion) || DtProperty.Renames != Volatile.Read(ref _nameBitsRenames))
            MakeNameBits();
        return _nameBits;
    }

    private void MakeNameBits()
    {
        ulong bits = 0;
        foreach (var p in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(AllProperties)) bits |= NameBit(p.Name);
        var (version, renames) = (ListVersion(AllProperties), DtProperty.Renames);
        _nameBits = bits;
        Volatile.Write(ref _nameBitsRenames, renames);
        Volatile.Write(ref _nameBitsVersion, version);
    }

    // length, first and last character: cheap, and the names asked for differ in one of them far more often than not
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong NameBit(string name)
        => name.Length == 0 ? 1 : 1UL << ((name.Length * 5 + name[0] * 3 + name[^1]) & 63);

    // List<T> counts its changes in a private field; read, not written. A runtime without it fails every test at once.
    [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = "_version")]
    private static extern ref int ListVersion(List<DtProperty> list);

    /// <summary>True when one of the strings of <c>compatible</c> is exactly <paramref name="compat"/>.</summary>
    public bool IsCompatible(string compat)
    {
        var prop = GetProperty("compatible");
        if (prop is null) return false;
        ReadOnlySpan<byte> bytes = prop.Value.Bytes;
        while (bytes.Length > 0)
        {
            var nul = bytes.IndexOf((byte)0);
            if (nul < 0) return false; // an unterminated last string is not a compatible string
            if (IO.Latin1Text.Same(bytes[..nul], compat)) return true;
            bytes = bytes[(nul + 1)..];
        }
        return false;
    }

    /// <summary>The first live child with this exact name (including unit address), or null.</summary>
    public DtNode? GetChild(string name)
    {
        foreach (var c in AllChildren)
            if (!c.Deleted && c.Name == name) return c;
        return null;
    }

    /// <summary>Appends a property (dtc's add_property).</summary>
    public DtProperty AddProperty(DtProperty property)
    {
        AllProperties.Add(property);
        return property;
    }

    /// <summary>Sets a property, replacing the value of an existing one in place.</summary>
    public DtProperty SetProperty(string name, PropertyValue value)
    {
        var existing = GetProperty(name);
        if (existing is not null)
        {
            existing.Value = value;
            return existing;
        }
        return AddProperty(new DtProperty(name, value));
    }

    /// <summary>Removes a property from the list entirely (not just marking it deleted).</summary>
    public bool RemoveProperty(string name)
    {
        var idx = AllProperties.FindIndex(p => !p.Deleted && p.Name == name);
        if (idx < 0) return false;
        AllProperties.RemoveAt(idx);
        return true;
    }

    /// <summary>Appends a child (dtc's add_child).</summary>
    public DtNode AddChild(DtNode child)
    {
        child.Parent = this;
        AllChildren.Add(child);
        return child;
    }

    public void InsertChild(int index, DtNode child)
    {
        child.Parent = this;
        AllChildren.Insert(index, child);
    }

    /// <summary>Removes a child from the list entirely.</summary>
    public bool RemoveChild(DtNode child)
    {
        if (!AllChildren.Remove(child)) return false;
        child.Parent = null;
        return true;
    }

    /// <summary>Marks this node and everything below it deleted (dtc's delete_node).</summary>
    public void MarkDeleted()
    {
        Deleted = true;
        foreach (var c in Children) c.MarkDeleted();
        foreach (var p in Properties) MarkPropertyDeleted(p);
        LabelList.DeleteAll(Labels);
    }

    public static void MarkPropertyDeleted(DtProperty p)
    {
        p.Deleted = true;
        LabelList.DeleteAll(p.Labels);
    }

    /// <summary>All live nodes of the subtree, this one first, depth first in order.</summary>
    public IEnumerable<DtNode> Walk()
    {
        var stack = new Stack<DtNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            yield return n;
            for (var i = n.AllChildren.Count - 1; i >= 0; i--)
                if (!n.AllChildren[i].Deleted) stack.Push(n.AllChildren[i]);
        }
    }

    public override string ToString() => Path;
}
