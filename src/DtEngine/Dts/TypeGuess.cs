using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// dtc 1.8.x's value-type guessing for values without type markers (treesource.c guess_type_markers):
/// printable NUL-terminated text becomes strings (split at NULs), a multiple of 4 bytes becomes cells,
/// anything else bytes. Phandle references always sit in cells.
/// </summary>
internal static class TypeGuess
{
    // printable ASCII, NUL and the escapes \a to \r
    private static readonly System.Buffers.SearchValues<byte> StringChars = System.Buffers.SearchValues.Create(
        "\0\a\b\t\n\v\f\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    /// <summary>
    /// Adds the guessed type markers of <paramref name="bytes"/> to <paramref name="markers"/> (the value's own
    /// markers or a copy of them; only inserts, never changes a marker).
    /// </summary>
    public static void AddTypeMarkers(ReadOnlySpan<byte> bytes, List<Marker> markers)
    {
        var offset = 0;
        for (var i = 0; i < markers.Count; i++)
        {
            if (markers[i].IsTypeMarker) return;
            if (markers[i].Offset > offset)
            {
                var type = GuessType(bytes, markers, offset, markers[i].Offset - offset);
                i = PropertyValue.InsertMarkerOrdered(markers, i, type, offset, null);
                offset = markers[i].Offset;
            }
            if (markers[i].Type == MarkerType.RefPhandle)
            {
                i = PropertyValue.InsertMarkerOrdered(markers, i, MarkerType.TypeUint32, offset, null);
                offset += 4;
            }
        }
        if (offset < bytes.Length)
            PropertyValue.InsertMarkerOrdered(markers, markers.Count, GuessType(bytes, markers, offset, bytes.Length - offset), offset, null);
    }

    private static MarkerType GuessType(ReadOnlySpan<byte> bytes, List<Marker> markers, int offset, int len)
    {
        var type = GuessType(bytes.Slice(offset, len));
        if (type == MarkerType.TypeString && bytes.Slice(offset, len).Count((byte)0) > 1) AddStringMarkers(bytes, markers, offset, len);
        return type;
    }

    /// <summary>
    /// The type dtc guesses for a run of bytes (not empty): strings when NUL-terminated printable text with no more
    /// NULs than other bytes (each NUL-terminated piece is one string), else cells when a multiple of 4, else bytes.
    /// </summary>
    public static MarkerType GuessType(ReadOnlySpan<byte> p)
    {
        var other = p.Length % 4 == 0 ? MarkerType.TypeUint32 : MarkerType.TypeUint8;
        // a string ends in NUL and holds no byte outside the string characters: the first such byte decides
        if (p[^1] != 0) return other;
        if (p.ContainsAnyExcept(StringChars)) return other;
        var nul = p.Count((byte)0);
        return nul <= p.Length - nul ? MarkerType.TypeString : other;
    }

    private static void AddStringMarkers(ReadOnlySpan<byte> bytes, List<Marker> markers, int offset, int len)
    {
        var index = 0;
        var l = bytes[offset..].IndexOf((byte)0) + 1;
        while (l < len)
        {
            index = PropertyValue.InsertMarkerOrdered(markers, index, MarkerType.TypeString, offset + l, null);
            var next = bytes[(offset + l)..].IndexOf((byte)0);
            l += next + 1;
        }
    }
}
