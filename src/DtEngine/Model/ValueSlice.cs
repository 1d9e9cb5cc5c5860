namespace Viommu.DtEngine.Model;

/// <summary>A value's bytes and markers as slices of shared arrays (see <see cref="ValueArena"/>).</summary>
internal readonly record struct ValueSlice(byte[] Bytes, int Start, int Length, Marker[]? Markers, int MarkerStart, int MarkerCount)
{
    public static ValueSlice Empty => new([], 0, 0, null, 0, 0);
}
