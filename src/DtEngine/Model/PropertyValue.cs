using System.Buffers.Binary;

namespace Viommu.DtEngine.Model;

/// <summary>
/// A property's raw bytes plus the markers that remember how the value was written
/// (labels, references, type hints). DTB output depends only on <see cref="Bytes"/>.
/// </summary>
public sealed class PropertyValue
{
    // The bytes are _buffer[_offset.._offset + _length]. A value read in bulk shares its buffer with the tree's other
    // values (see ValueArena): it owns only its slice, so it may write there but must copy before it grows.
    private byte[] _buffer;
    private int _offset;
    private int _length;
    private bool _sharedBuffer;

    public PropertyValue() : this(Array.Empty<byte>()) { }

    public PropertyValue(ReadOnlySpan<byte> bytes)
    {
        _buffer = bytes.Length == 0 ? Array.Empty<byte>() : bytes.ToArray();
        _length = bytes.Length;
    }

    /// <summary>A value over a slice of a shared buffer, with markers in a slice of a shared marker array.</summary>
    internal PropertyValue(byte[] buffer, int offset, int length, Marker[]? markerChunk, int markerStart, int markerCount)
    {
        _buffer = buffer;
        _offset = offset;
        _length = length;
        _sharedBuffer = true;
        _markerChunk = markerChunk;
        _markerStart = markerStart;
        _markerCount = markerCount;
    }

    // Markers live in a list once anyone asks for the list; until then a value read in bulk keeps them in a slice of
    // a shared array (no list and no array of its own), and a value from a blob has none at all.
    private List<Marker>? _markers;
    private Marker[]? _markerChunk;
    private int _markerStart;
    private int _markerCount;

    /// <summary>
    /// Markers in offset order (dtc's invariants: non-decreasing offsets, type marker first). Made on first use:
    /// values read from a blob have none, and most never get one.
    /// </summary>
    public List<Marker> Markers => _markers ??= TakeMarkerSlice();

    // The slice stays as it is: the list, once there, is what every reader uses, and a reader on another thread
    // that has not seen the list yet still finds the markers in the slice.
    private List<Marker> TakeMarkerSlice()
    {
        var list = new List<Marker>(Math.Max(2, _markerCount));
        if (_markerCount > 0) list.AddRange(_markerChunk.AsSpan(_markerStart, _markerCount));
        return list;
    }

    /// <summary>True when the value has a marker (the list is not made to find out).</summary>
    public bool HasMarkers => _markers is null ? _markerCount > 0 : _markers.Count > 0;

    /// <summary>The markers to read, empty when there are none (the list is not made); not to hold across edits.</summary>
    public ReadOnlySpan<Marker> MarkerSpan => _markers is null
        ? _markerChunk.AsSpan(_markerStart, _markerCount)
        : System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_markers);

    /// <summary>True when a marker of this type is present (the list is not made to find out).</summary>
    public bool HasMarker(MarkerType type)
    {
        foreach (var m in MarkerSpan)
            if (m.Type == type) return true;
        return false;
    }

    public int Length => _length;

    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(_offset, _length);

    /// <summary>Writable view of the bytes, for in-place patches such as phandle fix-ups.</summary>
    public Span<byte> MutableBytes => _buffer.AsSpan(_offset, _length);

    public byte this[int index] => Bytes[index];

    public static PropertyValue FromString(string s)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeString, null);
        v.AppendString(s);
        return v;
    }

    /// <summary>A string list (<c>"a", "b"</c>), each string typed as in source.</summary>
    public static PropertyValue FromStrings(params string[] strings)
    {
        var v = new PropertyValue();
        foreach (var s in strings)
        {
            v.AddMarker(MarkerType.TypeString, null);
            v.AppendString(s);
        }
        return v;
    }

    public static PropertyValue FromCells(params uint[] cells)
    {
        var v = new PropertyValue();
        v.AddMarker(MarkerType.TypeUint32, null);
        foreach (var c in cells) v.AppendInteger(c, 32);
        return v;
    }

    /// <summary>Makes room for <paramref name="extra"/> more bytes; a shared slice moves to an array of its own.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Grow(int extra)
    {
        // a parser appends every cell: the common case inline, the move out of line
        if (_sharedBuffer || _length + extra > _buffer.Length) MoveToLargerArray(extra);
    }

    private void MoveToLargerArray(int extra)
    {
        var size = Math.Max(16, _sharedBuffer ? _length : _buffer.Length * 2);
        while (size < _length + extra) size *= 2;
        var larger = new byte[size];
        Bytes.CopyTo(larger);
        _buffer = larger;
        _offset = 0;
        _sharedBuffer = false;
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        Grow(data.Length);
        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    public void AppendByte(byte b)
    {
        Grow(1);
        _buffer[_length++] = b;
    }

    public void AppendZeroes(int count)
    {
        Grow(count);
        _buffer.AsSpan(_length, count).Clear();
        _length += count;
    }

    /// <summary>Appends a string and its terminating NUL.</summary>
    public void AppendString(string s)
    {
        var bytes = System.Text.Encoding.Latin1.GetBytes(s);
        Append(bytes);
        AppendByte(0);
    }

    /// <summary>Appends the low <paramref name="bits"/> of a value, big-endian.</summary>
    public void AppendInteger(ulong value, int bits)
    {
        if (bits is not (8 or 16 or 32 or 64)) throw new ArgumentOutOfRangeException(nameof(bits));
        var size = bits / 8;
        Grow(size);
        WriteBigEndian(_buffer.AsSpan(_length, size), value);
        _length += size;
    }

    /// <summary>The low bytes of a value, as many as <paramref name="target"/> holds (1, 2, 4 or 8), big-endian: a
    /// cell as dtc stores it (also the DTS parser's value builder).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static void WriteBigEndian(Span<byte> target, ulong value)
    {
        switch (target.Length)
        {
            case 4: BinaryPrimitives.WriteUInt32BigEndian(target, (uint)value); break;
            case 1: target[0] = (byte)value; break;
            case 2: BinaryPrimitives.WriteUInt16BigEndian(target, (ushort)value); break;
            default: BinaryPrimitives.WriteUInt64BigEndian(target, value); break;
        }
    }

    /// <summary>Adds a marker at the current end of the data (dtc's data_add_marker).</summary>
    public void AddMarker(MarkerType type, string? reference) => Markers.Add(new Marker(type, _length, reference));

    /// <summary>Appends another value, shifting its markers (dtc's data_merge).</summary>
    public void Merge(PropertyValue other)
    {
        var shift = _length;
        Append(other.Bytes);
        foreach (var m in other.MarkerSpan)
            Markers.Add(new Marker(m.Type, m.Offset + shift, m.Reference));
    }

    /// <summary>Inserts bytes at a marker's offset and shifts the markers after it (data_insert_at_marker).</summary>
    public void InsertAtMarker(int markerIndex, ReadOnlySpan<byte> data)
    {
        var offset = Markers[markerIndex].Offset;
        Grow(data.Length);
        Array.Copy(_buffer, offset, _buffer, offset + data.Length, _length - offset); // Grow left the bytes at 0
        data.CopyTo(_buffer.AsSpan(offset));
        _length += data.Length;
        for (var i = markerIndex + 1; i < Markers.Count; i++) Markers[i] = Markers[i] with { Offset = Markers[i].Offset + data.Length };
    }

    public uint ReadCell(int offset) => BinaryPrimitives.ReadUInt32BigEndian(Bytes.Slice(offset, 4));

    public void WriteCell(int offset, uint value) => BinaryPrimitives.WriteUInt32BigEndian(MutableBytes.Slice(offset, 4), value);

    /// <summary>True when the value is exactly one NUL-terminated string with no NUL inside.</summary>
    public bool IsOneString() => IO.Latin1Text.IsOneCString(Bytes);

    /// <summary>The bytes up to the first NUL, as a Latin-1 string (how dtc reads a C string).</summary>
    public string AsCString() => IO.Latin1Text.CString(Bytes);

    /// <summary>Empties the value, keeping its buffers (for a reader that builds values one after another).</summary>
    internal void Clear()
    {
        if (_sharedBuffer) (_buffer, _sharedBuffer) = (Array.Empty<byte>(), false);
        _offset = 0;
        _length = 0;
        // the parser's scratch value is cleared for every property: forgetting the markers is enough, clearing
        // the references they hold is not needed there (the scratch dies with the parse)
        if (_markers is not null) System.Runtime.InteropServices.CollectionsMarshal.SetCount(_markers, 0);
        _markerChunk = null;
        _markerCount = 0;
    }

    /// <summary>A copy whose buffer and marker list are exactly as long as their contents.</summary>
    public PropertyValue Clone()
    {
        var v = new PropertyValue(Bytes);
        if (HasMarkers) v._markers = new List<Marker>(MarkerSpan.Length);
        v._markers?.AddRange(MarkerSpan);
        return v;
    }

    /// <summary>
    /// Inserts a marker keeping dtc's marker-list invariants (treesource.c add_marker):
    /// returns the index just after the inserted (or already present) marker.
    /// </summary>
    public int InsertMarkerOrdered(int startIndex, MarkerType type, int offset, string? reference)
        => InsertMarkerOrdered(Markers, startIndex, type, offset, reference);

    /// <summary>The same insertion on any marker list ordered by offset (a writer's scratch copy).</summary>
    public static int InsertMarkerOrdered(List<Marker> markers, int startIndex, MarkerType type, int offset, string? reference)
    {
        var i = startIndex;
        while (i < markers.Count && markers[i].Offset < offset) i++;
        if (i < markers.Count && markers[i].Offset == offset && markers[i].IsTypeMarker)
        {
            if (type >= MarkerType.TypeUint8) return i;
            i++;
        }
        if (i < markers.Count && markers[i].Offset == offset && markers[i].Type == type) return i;
        markers.Insert(i, new Marker(type, offset, reference));
        return i + 1;
    }
}
