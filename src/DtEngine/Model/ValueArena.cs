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
    private const int ByteChunkSize = 32 * 1024;
    private const int BytesOfTheirOwn = 1024;
    private const int MarkerChunkSize = 1024; // 16 KB
    private const int MarkersOfTheirOwn = 64;

    private byte[] _bytes = [];
    private int _bytesUsed;
    private Marker[] _markers = [];
    private int _markersUsed;

    /// <summary>A copy of <paramref name="bytes"/>: the array holding it and where it starts there.</summary>
    public (byte[] Chunk, int Start) CopyBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= BytesOfTheirOwn) return (bytes.ToArray(), 0);
        if (_bytes.Length - _bytesUsed < bytes.Length)
        {
            _bytes = new byte[ByteChunkSize];
            _bytesUsed = 0;
        }
        var start = _bytesUsed;
        bytes.CopyTo(_bytes.AsSpan(start));
        _bytesUsed = start + bytes.Length;
        return (_bytes, start);
    }

    /// <summary>A value holding a copy of <paramref name="bytes"/> and <paramref name="markers"/>.</summary>
    public PropertyValue Copy(ReadOnlySpan<byte> bytes, ReadOnlySpan<Marker> markers)
    {
        var (chunk, start) = CopyBytes(bytes);
        if (markers.Length == 0) return new PropertyValue(chunk, start, bytes.Length, null, 0, 0);
        if (markers.Length >= MarkersOfTheirOwn) return new PropertyValue(chunk, start, bytes.Length, markers.ToArray(), 0, markers.Length);
        if (_markers.Length - _markersUsed < markers.Length)
        {
            _markers = new Marker[MarkerChunkSize];
            _markersUsed = 0;
        }
        var markerStart = _markersUsed;
        markers.CopyTo(_markers.AsSpan(markerStart));
        _markersUsed = markerStart + markers.Length;
        return new PropertyValue(chunk, start, bytes.Length, _markers, markerStart, markers.Length);
    }
}
