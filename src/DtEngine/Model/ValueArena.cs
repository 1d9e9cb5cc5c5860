namespace Viommu.DtEngine.Model;

/// <summary>
/// Where a reader puts the values of the tree it builds: bytes and markers are copied into shared chunks, each
/// value owning a slice, instead of an array (and a marker list and array) per property. A 120 KB board has about
/// 4,000 properties of 14 bytes on average, less than an array's header.
/// </summary>
/// <remarks>
/// Chunks stay below the large-object threshold (85,000 bytes), so a tree's values are collected with the tree.
/// A value that outgrows its slice moves to an array of its own (<see cref="PropertyValue"/> does that), and a
/// large value (an /incbin/ of firmware) gets its own array from the start, so that no chunk is held by it alone.
/// </remarks>
internal sealed class ValueArena
{
    private Chunks<byte> _bytes = new(32 * 1024, ofTheirOwn: 1024);
    private Chunks<Marker> _markers = new(1024, ofTheirOwn: 64); // 16-byte markers: 16 KB chunks

    /// <summary>A copy of <paramref name="bytes"/>: the array holding it and where it starts there.</summary>
    public (byte[] Chunk, int Start) CopyBytes(ReadOnlySpan<byte> bytes) => _bytes.Copy(bytes);

    /// <summary>A copy of <paramref name="bytes"/> and <paramref name="markers"/>, as a slice of the arena's chunks (a
    /// parsed property makes its value object from it only when asked for it).</summary>
    public ValueSlice CopySlice(ReadOnlySpan<byte> bytes, ReadOnlySpan<Marker> markers)
    {
        var (chunk, start) = _bytes.Copy(bytes);
        if (markers.Length == 0) return new ValueSlice(chunk, start, bytes.Length, null, 0, 0);
        if (markers.Length == 1 && markers[0] is { IsTypeMarker: true, Offset: 0, Reference: null } only)
            return new ValueSlice(chunk, start, bytes.Length, LoneTypeMarkers, only.Type - MarkerType.TypeUint8, 1);
        var (markerChunk, markerStart) = _markers.Copy(markers);
        return new ValueSlice(chunk, start, bytes.Length, markerChunk, markerStart, markers.Length);
    }

    // Most values are one string or one cell list: their one marker is a slice of this array, shared by every tree
    // and never written (values copy their markers before they change them), instead of a copy in a chunk.
    private static readonly Marker[] LoneTypeMarkers =
    [
        new(MarkerType.TypeUint8, 0, null),
        new(MarkerType.TypeUint16, 0, null),
        new(MarkerType.TypeUint32, 0, null),
        new(MarkerType.TypeUint64, 0, null),
        new(MarkerType.TypeString, 0, null),
    ];

    private struct Chunks<T>(int chunkSize, int ofTheirOwn)
    {
        private T[] _chunk = [];
        private int _used;

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public (T[] Chunk, int Start) Copy(ReadOnlySpan<T> items)
        {
            if (items.Length >= ofTheirOwn) return (items.ToArray(), 0);
            if (_chunk.Length - _used < items.Length)
            {
                _chunk = new T[chunkSize];
                _used = 0;
            }
            var start = _used;
            items.CopyTo(_chunk.AsSpan(start));
            _used = start + items.Length;
            return (_chunk, start);
        }
    }
}
