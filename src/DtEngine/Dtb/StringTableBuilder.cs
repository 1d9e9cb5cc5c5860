namespace Viommu.DtEngine.Dtb;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the block where it stands as a
/// NUL-terminated string, including the tail of a longer name; otherwise it is appended.
/// </summary>
internal sealed class StringTableBuilder
{
    private byte[] _bytes = new byte[1024];
    private int _length;
    // names asked for before: most properties repeat a handful of names
    private readonly Dictionary<string, int> _offsets = new(StringComparer.Ordinal);
    // the first offset of every tail of every string in the block, by a hash of the tail's bytes (a hit is
    // checked against the bytes; two tails with one hash fall back to searching the block)
    private readonly Dictionary<uint, int> _tails;

    /// <param name="properties">properties to be written: sizes the tail index (a board's 3,800 properties have
    /// about 9,000 tails of 650 names), so that a small tree does not pay for a large one</param>
    public StringTableBuilder(int properties = 0) => _tails = new Dictionary<uint, int>(Math.Clamp(properties * 2, 64, 8192));

    public int Length => _length;

    public int Insert(string name)
    {
        if (_offsets.TryGetValue(name, out var known)) return known;
        var offset = Find(name);
        if (offset < 0) offset = Append(name);
        _offsets[name] = offset;
        return offset;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    private int Find(string name)
    {
        if (!_tails.TryGetValue(TailHash(name), out var at)) return -1;
        if (StandsAt(name, at)) return at;
        // a hash shared by two tails: search the block for the first "name\0"
        Span<byte> needle = name.Length < 256 ? stackalloc byte[name.Length + 1] : new byte[name.Length + 1];
        for (var i = 0; i < name.Length; i++) needle[i] = (byte)name[i];
        needle[name.Length] = 0;
        return _bytes.AsSpan(0, _length).IndexOf(needle);
    }

    private bool StandsAt(string name, int at)
    {
        if (at + name.Length >= _length || _bytes[at + name.Length] != 0) return false;
        for (var i = 0; i < name.Length; i++)
            if (_bytes[at + i] != (byte)name[i]) return false;
        return true;
    }

    private int Append(string name)
    {
        var offset = _length;
        if (_bytes.Length - _length < name.Length + 1) Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + name.Length + 1));
        for (var i = 0; i < name.Length; i++) _bytes[_length++] = (byte)name[i];
        _bytes[_length++] = 0;
        // every tail, shortest first, hashed from its last byte back (the same hash TailHash gives a name)
        var hash = EmptyHash;
        _tails.TryAdd(hash, offset + name.Length);
        for (var k = name.Length - 1; k >= 0; k--)
        {
            hash = Step(hash, (byte)name[k]);
            _tails.TryAdd(hash, offset + k);
        }
        return offset;
    }

    private const uint EmptyHash = 2166136261;

    private static uint Step(uint hash, byte b) => (hash ^ b) * 16777619;

    private static uint TailHash(string name)
    {
        var hash = EmptyHash;
        for (var k = name.Length - 1; k >= 0; k--) hash = Step(hash, (byte)name[k]);
        return hash;
    }
}
