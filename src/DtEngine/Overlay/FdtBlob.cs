using System.Buffers.Binary;
using System.Text;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Overlay;

/// <summary>
/// A flattened tree edited in place the way libfdt edits one, so that an overlay applied here gives the bytes
/// fdtoverlay gives: a new property goes first in its node, a new subnode right after the properties, a new
/// name at the end of the strings block, and the blocks are packed as fdt_pack leaves them. Offsets are into
/// the structure block. The blob must have passed <see cref="DtbReader"/> first.
/// </summary>
public sealed class FdtBlob
{
    private const uint BeginNode = 1, EndNode = 2, Prop = 3, Nop = 4, End = 9;

    private readonly byte[] _memoryReserve;
    // The structure block then the strings block, back to back as fdt_open_into lays them out; edits move what
    // follows as memmove does, so padding keeps whatever bytes were there before (as in libfdt's output).
    private readonly List<byte> _struct;
    private int _structSize;
    private int _stringsSize;
    private readonly uint _bootCpu;

    /// <summary>
    /// Why libfdt would not open <paramref name="blob"/> (already read by <see cref="DtbReader"/>) for an overlay's
    /// application, or null: every blob needs version 2 or later and a last compatible version of 17 or less
    /// (fdt_ro_probe_); the base is also copied with fdt_open_into, which takes only versions 16 and up. An overlay
    /// older than 16 names its nodes by full path, which libfdt's lookups by name do not find, so fdtoverlay applies
    /// nothing from it and says nothing; it is refused here instead.
    /// </summary>
    public static string? UnsupportedVersion(ReadOnlySpan<byte> blob, bool isBase)
    {
        var version = BinaryPrimitives.ReadUInt32BigEndian(blob[20..]);
        var lastCompatible = BinaryPrimitives.ReadUInt32BigEndian(blob[24..]);
        if (lastCompatible > 17)
            return $"its last compatible version is {lastCompatible}; libfdt reads blobs compatible with version 17 or earlier (FDT_ERR_BADVERSION)";
        if (version < 16)
            return isBase
                ? $"it is a version {version} blob; libfdt opens a base blob of version 16 or later (FDT_ERR_BADVERSION)"
                : $"it is a version {version} blob, which names nodes by full path: libfdt finds none of its fragments by name, so nothing of it would be applied; compile it as version 16 or 17";
        return null;
    }

    public FdtBlob(ReadOnlySpan<byte> blob)
    {
        static uint U(ReadOnlySpan<byte> b, int at) => BinaryPrimitives.ReadUInt32BigEndian(b[at..]);
        var offStruct = (int)U(blob, 8);
        var offStrings = (int)U(blob, 12);
        var offMemRsv = (int)U(blob, 16);
        var version = U(blob, 20);
        _bootCpu = version >= 2 ? U(blob, 28) : 0;
        var sizeStrings = version >= 3 ? (int)U(blob, 32) : (int)U(blob, 4) - offStrings;
        var sizeStruct = version >= 17 ? (int)U(blob, 36) : FindStructEnd(blob, offStruct);
        var rsv = offMemRsv;
        // an entry of size 0 ends the map whatever its address (libfdt's fdt_num_mem_rsv; fdt_open_into keeps its bytes)
        while (BinaryPrimitives.ReadUInt64BigEndian(blob[(rsv + 8)..]) != 0) rsv += 16;
        _memoryReserve = blob[offMemRsv..(rsv + 16)].ToArray();
        _struct = new List<byte>(blob.Slice(offStruct, sizeStruct).ToArray());
        _struct.AddRange(blob.Slice(offStrings, sizeStrings).ToArray());
        _structSize = sizeStruct;
        _stringsSize = sizeStrings;
    }

    private static int FindStructEnd(ReadOnlySpan<byte> blob, int offStruct)
    {
        var at = offStruct;
        while (true)
        {
            var tag = BinaryPrimitives.ReadUInt32BigEndian(blob[at..]);
            at += 4;
            if (tag == BeginNode) { while (blob[at] != 0) at++; at = Align(at + 1); }
            else if (tag == Prop) { var len = (int)BinaryPrimitives.ReadUInt32BigEndian(blob[at..]); at = Align(at + 8 + len); }
            else if (tag == End) return at - offStruct;
        }
    }

    private static int Align(int v) => (v + 3) & ~3;

    private uint U32(int at) => (uint)(_struct[at] << 24 | _struct[at + 1] << 16 | _struct[at + 2] << 8 | _struct[at + 3]);

    private void SetU32(int at, uint v)
    {
        _struct[at] = (byte)(v >> 24);
        _struct[at + 1] = (byte)(v >> 16);
        _struct[at + 2] = (byte)(v >> 8);
        _struct[at + 3] = (byte)v;
    }

    /// <summary>The tag at <paramref name="at"/> and the offset of the next one.</summary>
    private (uint Tag, int Next) NextTag(int at)
    {
        var tag = U32(at);
        var p = at + 4;
        switch (tag)
        {
            case BeginNode:
                while (_struct[p] != 0) p++;
                return (tag, Align(p + 1));
            case Prop:
                return (tag, Align(p + 8 + (int)U32(p)));
            default:
                return (tag, p);
        }
    }

    public string NodeName(int node)
    {
        var p = node + 4;
        var end = p;
        while (_struct[end] != 0) end++;
        return Encoding.Latin1.GetString(_struct.GetRange(p, end - p).ToArray());
    }

    private string StringAt(int offset)
    {
        var start = _structSize + offset;
        var end = start;
        while (_struct[end] != 0) end++;
        return Encoding.Latin1.GetString(_struct.GetRange(start, end - start).ToArray());
    }

    /// <summary>fdt_splice_: what follows <c>pos + oldLength</c> moves to <c>pos + newLength</c>; the bytes in between keep their old values.</summary>
    private void Splice(int pos, int oldLength, int newLength)
    {
        var tail = _struct.GetRange(pos + oldLength, _struct.Count - pos - oldLength);
        var kept = new byte[newLength];
        for (var i = 0; i < newLength; i++) kept[i] = pos + i < _struct.Count ? _struct[pos + i] : (byte)0;
        _struct.RemoveRange(pos, _struct.Count - pos);
        _struct.AddRange(kept);
        _struct.AddRange(tail);
    }

    private void Write(int at, ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++) _struct[at + i] = bytes[i];
    }

    /// <summary>The properties of a node: (offset of the PROP tag, name).</summary>
    public IEnumerable<(int Offset, string Name)> Properties(int node)
    {
        var (_, at) = NextTag(node);
        while (true)
        {
            var (tag, next) = NextTag(at);
            if (tag == Prop) yield return (at, StringAt((int)U32(at + 8)));
            else if (tag != Nop) yield break;
            at = next;
        }
    }

    /// <summary>The direct subnodes of a node (offsets of their BEGIN_NODE tags).</summary>
    public IEnumerable<int> Subnodes(int node)
    {
        var (_, at) = NextTag(node);
        var depth = 0;
        while (true)
        {
            var (tag, next) = NextTag(at);
            if (tag == BeginNode)
            {
                if (depth == 0) yield return at;
                depth++;
            }
            else if (tag == EndNode)
            {
                if (depth == 0) yield break;
                depth--;
            }
            else if (tag == End) yield break;
            at = next;
        }
    }

    public byte[] PropertyValue(int prop) => _struct.GetRange(prop + 12, (int)U32(prop + 4)).ToArray();

    /// <summary>A value as a C string: its bytes up to the first NUL (all of them when there is none).</summary>
    public string PropertyString(int prop) => Latin1Text.CString(PropertyValue(prop));

    public int? FindProperty(int node, string name)
    {
        foreach (var (offset, n) in Properties(node))
            if (n == name) return offset;
        return null;
    }

    /// <summary>
    /// fdt_subnode_offset: the first child named <paramref name="name"/>, where a name without a unit address also
    /// matches a child that has one ("spi" finds "spi@fe300000" if that comes first), as libfdt's name comparison does.
    /// </summary>
    public int? Subnode(int node, string name)
    {
        foreach (var s in Subnodes(node))
            if (NameMatches(NodeName(s), name)) return s;
        return null;
    }

    private static bool NameMatches(string nodeName, string name)
        => nodeName.StartsWith(name, StringComparison.Ordinal)
           && (nodeName.Length == name.Length || (nodeName[name.Length] == '@' && !name.Contains('@')));

    /// <summary>A node by absolute path (or an alias for the first component, as fdt_path_offset allows).</summary>
    public int? PathOffset(string path)
    {
        var node = 0;
        if (!path.StartsWith('/'))
        {
            var slash = path.IndexOf('/');
            var alias = slash < 0 ? path : path[..slash];
            if (Subnode(0, "aliases") is not { } aliases || FindProperty(aliases, alias) is not { } prop) return null;
            var target = PropertyString(prop);
            return PathOffset(slash < 0 ? target : target + path[slash..]);
        }
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Subnode(node, part) is not { } found) return null;
            node = found;
        }
        return node;
    }

    /// <summary>The path of a node (a walk from the root, as fdt_get_path does).</summary>
    public string PathOf(int target)
    {
        var at = 0;
        var depth = -1;
        var names = new List<(int Depth, string Name)>();
        while (true)
        {
            var (tag, next) = NextTag(at);
            if (tag == BeginNode)
            {
                depth++;
                while (names.Count > 0 && names[^1].Depth >= depth) names.RemoveAt(names.Count - 1);
                names.Add((depth, NodeName(at)));
                if (at == target) break;
            }
            else if (tag == EndNode) depth--;
            else if (tag == End) throw new InvalidOperationException("node offset not in the tree");
            at = next;
        }
        var parts = names.Skip(1).Select(n => n.Name);
        return "/" + string.Join("/", parts);
    }

    public IEnumerable<int> AllNodes()
    {
        var at = 0;
        while (true)
        {
            var (tag, next) = NextTag(at);
            if (tag == BeginNode) yield return at;
            else if (tag == End) yield break;
            at = next;
        }
    }

    /// <summary>fdt_get_phandle: <c>phandle</c> if it is one cell, else <c>linux,phandle</c> if it is, else 0.</summary>
    public uint Phandle(int node)
    {
        foreach (var name in new[] { "phandle", "linux,phandle" })
            if (FindProperty(node, name) is { } o && U32(o + 4) == 4) return U32(o + 12);
        return 0;
    }

    public int? NodeByPhandle(uint phandle)
    {
        if (phandle is 0 or 0xffffffff) return null;
        foreach (var n in AllNodes())
            if (Phandle(n) == phandle) return n;
        return null;
    }

    /// <summary>The highest phandle of any node, as libfdt's fdt_find_max_phandle counts it: the invalid 0xffffffff
    /// too (an overlay with phandles of its own then runs out of them).</summary>
    public uint MaxPhandle()
    {
        uint max = 0;
        foreach (var n in AllNodes()) max = Math.Max(max, Phandle(n));
        return max;
    }

    public uint ReadCell(int prop, int byteOffset) => U32(prop + 12 + byteOffset);
    public void WriteCell(int prop, int byteOffset, uint value) => SetU32(prop + 12 + byteOffset, value);
    public int PropertyLength(int prop) => (int)U32(prop + 4);

    private int FindOrAddString(string name)
    {
        var bytes = Encoding.Latin1.GetBytes(name + "\0");
        // Any occurrence counts, also the tail of a longer name (libfdt's fdt_find_string_).
        for (var p = 0; p + bytes.Length <= _stringsSize; p++)
        {
            var match = true;
            for (var i = 0; i < bytes.Length && match; i++) match = _struct[_structSize + p + i] == bytes[i];
            if (match) return p;
        }
        var at = _stringsSize;
        Splice(_structSize + _stringsSize, 0, bytes.Length);
        Write(_structSize + at, bytes);
        _stringsSize += bytes.Length;
        return at;
    }

    /// <summary>fdt_setprop: resize in place, or insert before the node's first property.</summary>
    public void SetProperty(int node, string name, byte[] value)
    {
        if (FindProperty(node, name) is { } existing)
        {
            var data = existing + 12;
            var delta = Align(value.Length) - Align((int)U32(existing + 4));
            Splice(data, Align((int)U32(existing + 4)), Align(value.Length));
            _structSize += delta;
            SetU32(existing + 4, (uint)value.Length);
            Write(data, value);
            return;
        }
        var nameOffset = FindOrAddString(name);
        var (_, first) = NextTag(node);
        var size = 12 + Align(value.Length);
        Splice(first, 0, size);
        _structSize += size;
        SetU32(first, Prop);
        SetU32(first + 4, (uint)value.Length);
        SetU32(first + 8, (uint)nameOffset);
        Write(first + 12, value);
    }

    /// <summary>fdt_add_subnode: an empty node right after the parent's properties; the existing one if the name is taken.</summary>
    public int AddSubnode(int parent, string name)
    {
        if (Subnode(parent, name) is { } existing) return existing;
        var (_, at) = NextTag(parent);
        while (true)
        {
            var (tag, next) = NextTag(at);
            if (tag is not (Prop or Nop)) break;
            at = next;
        }
        var nameBytes = Encoding.Latin1.GetBytes(name);
        var record = new byte[4 + Align(nameBytes.Length + 1) + 4];
        BinaryPrimitives.WriteUInt32BigEndian(record, BeginNode);
        nameBytes.CopyTo(record, 4);
        BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(record.Length - 4), EndNode);
        Splice(at, 0, record.Length);
        _structSize += record.Length;
        Write(at, record);
        return at;
    }

    /// <summary>The blob as fdt_pack leaves it: header, reserve map, structure, strings, version 17.</summary>
    public byte[] Pack()
    {
        const int header = 40;
        var offRsv = header;
        var offStruct = offRsv + _memoryReserve.Length;
        var offStrings = offStruct + _structSize;
        var total = offStrings + _stringsSize;
        var blob = new byte[total];
        var span = blob.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, Fdt.Magic);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], (uint)total);
        BinaryPrimitives.WriteUInt32BigEndian(span[8..], (uint)offStruct);
        BinaryPrimitives.WriteUInt32BigEndian(span[12..], (uint)offStrings);
        BinaryPrimitives.WriteUInt32BigEndian(span[16..], (uint)offRsv);
        BinaryPrimitives.WriteUInt32BigEndian(span[20..], 17);
        BinaryPrimitives.WriteUInt32BigEndian(span[24..], 16);
        BinaryPrimitives.WriteUInt32BigEndian(span[28..], _bootCpu);
        BinaryPrimitives.WriteUInt32BigEndian(span[32..], (uint)_stringsSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[36..], (uint)_structSize);
        _memoryReserve.CopyTo(span[offRsv..]);
        _struct.CopyTo(0, blob, offStruct, _structSize + _stringsSize);
        return blob;
    }
}
