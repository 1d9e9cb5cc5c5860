using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// dtc 1.8.x's value-type guessing for values without type markers (treesource.c guess_type_markers):
/// printable NUL-terminated text becomes strings (split at NULs), a multiple of 4 bytes becomes cells,
/// anything else bytes. Phandle references always sit in cells.
/// </summary>
internal static class TypeGuess
{
    private static bool IsStringChar(byte c) => (c >= 0x20 && c < 0x7f) || c == 0 || (c >= 7 && c <= 13);

    public static void AddTypeMarkers(PropertyValue v)
    {
        var markers = v.Markers;
        var offset = 0;
        for (var i = 0; i < markers.Count; i++)
        {
            if (markers[i].IsTypeMarker) return;
            if (markers[i].Offset > offset)
            {
                var type = GuessType(v, offset, markers[i].Offset - offset);
                i = v.InsertMarkerOrdered(i, type, offset, null);
                offset = markers[i].Offset;
            }
            if (markers[i].Type == MarkerType.RefPhandle)
            {
                i = v.InsertMarkerOrdered(i, MarkerType.TypeUint32, offset, null);
                offset += 4;
            }
        }
        if (offset < v.Length)
            v.InsertMarkerOrdered(markers.Count, GuessType(v, offset, v.Length - offset), offset, null);
    }

    private static MarkerType GuessType(PropertyValue v, int offset, int len)
    {
        var p = v.Bytes.Slice(offset, len);
        var notString = 0;
        var nul = 0;
        foreach (var b in p)
        {
            if (!IsStringChar(b)) notString++;
            if (b == 0) nul++;
        }
        if (p[len - 1] == 0 && notString == 0 && nul <= len - nul)
        {
            if (nul > 1) AddStringMarkers(v, offset, len);
            return MarkerType.TypeString;
        }
        return len % 4 == 0 ? MarkerType.TypeUint32 : MarkerType.TypeUint8;
    }

    private static void AddStringMarkers(PropertyValue v, int offset, int len)
    {
        var bytes = v.Bytes;
        var index = 0;
        var l = bytes[offset..].IndexOf((byte)0) + 1;
        while (l < len)
        {
            index = v.InsertMarkerOrdered(index, MarkerType.TypeString, offset + l, null);
            var next = bytes[(offset + l)..].IndexOf((byte)0);
            l += next + 1;
        }
    }
}
