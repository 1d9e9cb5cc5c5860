using System.Runtime.CompilerServices;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// The one property value a DTS parse builds at a time: bytes and markers appended as dtc's data functions append
/// them, then copied out at their final size (<see cref="ValueArena.CopySlice"/>). Its arrays are kept from value to
/// value and emptied by resetting counts only; a <see cref="PropertyValue"/> used this way cleared its marker list's
/// references at every property.
/// </summary>
internal sealed class ValueBuilder
{
    private byte[] _bytes = new byte[256];
    private int _length;
    private Marker[] _markers = new Marker[16];
    private int _markerCount;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    public ReadOnlySpan<Marker> Markers => _markers.AsSpan(0, _markerCount);

    /// <summary>Starts the next value. The arrays keep what they held (labels' strings among it) until overwritten:
    /// the builder lives only as long as its parse.</summary>
    public void Clear()
    {
        _length = 0;
        _markerCount = 0;
    }

    /// <summary>Adds a marker at the current end of the bytes (dtc's data_add_marker).</summary>
    public void AddMarker(MarkerType type, string? reference)
    {
        if (_markerCount == _markers.Length) Array.Resize(ref _markers, _markers.Length * 2);
        _markers[_markerCount++] = new Marker(type, _length, reference);
    }

    public void Append(ReadOnlySpan<byte> data)
    {
        Reserve(data.Length);
        data.CopyTo(_bytes.AsSpan(_length));
        _length += data.Length;
    }

    public void AppendByte(byte b)
    {
        Reserve(1);
        _bytes[_length++] = b;
    }

    /// <summary>Appends the low <paramref name="bits"/> (8, 16, 32 or 64) of a value, big-endian.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AppendInteger(ulong value, int bits)
    {
        var size = bits >> 3;
        Reserve(size);
        PropertyValue.WriteBigEndian(_bytes.AsSpan(_length, size), value);
        _length += size;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int extra)
    {
        if (_bytes.Length - _length < extra) Grow(extra);
    }

    private void Grow(int extra)
    {
        // an /incbin/ of a large file is the only value that gets near the limit of an array
        var needed = (long)_length + extra;
        if (needed > Array.MaxLength) throw new Diagnostics.DtFatalException("Property value too large");
        Array.Resize(ref _bytes, (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_bytes.Length * 2)));
    }
}
