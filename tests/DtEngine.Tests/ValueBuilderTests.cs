using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>The parser's value builder: big-endian cells of each width, markers at the length they were added at,
/// growth past its first arrays, and a clear that starts the next value empty.</summary>
public class ValueBuilderTests
{
    [Fact]
    public void Cells_strings_and_markers_are_appended_as_dtc_appends_them()
    {
        var b = new ValueBuilder();
        b.AddMarker(MarkerType.TypeUint8, null);
        b.AppendInteger(0x1ff, 8);
        b.AddMarker(MarkerType.TypeUint16, null);
        b.AppendInteger(0x12345, 16);
        b.AddMarker(MarkerType.Label, "l");
        b.AppendInteger(0x1_0203_0405, 32);
        b.AppendInteger(0x0102_0304_0506_0708, 64);
        b.Append("ab"u8);
        b.AppendByte(0);
        Assert.Equal(new byte[] { 0xff, 0x23, 0x45, 2, 3, 4, 5, 1, 2, 3, 4, 5, 6, 7, 8, (byte)'a', (byte)'b', 0 }, b.Bytes.ToArray());
        Assert.Equal([new Marker(MarkerType.TypeUint8, 0, null), new Marker(MarkerType.TypeUint16, 1, null), new Marker(MarkerType.Label, 3, "l")],
            b.Markers.ToArray());
    }

    [Fact]
    public void It_grows_past_its_first_arrays_and_a_clear_starts_an_empty_value()
    {
        var b = new ValueBuilder();
        for (var i = 0; i < 5000; i++)
        {
            if (i % 100 == 0) b.AddMarker(MarkerType.Label, $"l{i}");
            b.AppendInteger((ulong)i, 32);
        }
        b.Append(new byte[70_000]);
        Assert.Equal(20_000 + 70_000, b.Bytes.Length);
        Assert.Equal(50, b.Markers.Length);
        Assert.Equal(new Marker(MarkerType.Label, 4900 * 4, "l4900"), b.Markers[49]);
        Assert.Equal(new byte[] { 0, 0, 0x13, 0x87 }, b.Bytes.Slice(4999 * 4, 4).ToArray());
        b.Clear();
        Assert.Equal(0, b.Bytes.Length);
        Assert.Equal(0, b.Markers.Length);
        b.AddMarker(MarkerType.TypeString, null);
        Assert.Equal([new Marker(MarkerType.TypeString, 0, null)], b.Markers.ToArray());
    }
}
