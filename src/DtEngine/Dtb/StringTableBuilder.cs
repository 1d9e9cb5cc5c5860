namespace Viommu.DtEngine.Dtb;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the block where it stands as a
/// NUL-terminated string, including the tail of a longer name; otherwise it is appended.
/// </summary>
internal sealed class StringTableBuilder
{
    private readonly List<byte> _bytes = new();
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);

    public int Length => _bytes.Count;

    public int Insert(string name)
    {
        if (_offsets.TryGetValue(name, out var off)) return off;
        var offset = _bytes.Count;
        foreach (var ch in name) _bytes.Add((byte)ch);
        _bytes.Add(0);
        // every suffix of the new string is now findable at its place, unless it was already present earlier
        for (var k = 0; k <= name.Length; k++)
            _offsets.TryAdd(name[k..], offset + k);
        return offset;
    }

    public byte[] ToArray() => _bytes.ToArray();
}
