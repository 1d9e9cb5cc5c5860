using System.Buffers;
using System.Numerics;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the block where it stands as a
/// NUL-terminated string, including the tail of a longer name; otherwise it is appended.
/// </summary>
/// <remarks>
/// Both indexes are open-addressed tables over pooled arrays rather than dictionaries: a 120 KB board asks for
/// 3,800 names (650 distinct, about 9,000 tails), and dictionary inserts and string hashing were a third of the
/// writer's time. <see cref="Dispose"/> returns the arrays.
/// </remarks>
internal sealed class StringTableBuilder : IDisposable
{
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(1024);
    private int _length;

    // names asked for before, with their offsets: most properties repeat a handful of names
    private string?[] _names;
    private int[] _nameOffsets;
    private int _nameSlots, _nameShift, _nameCount;

    // the first offset of every tail of every string in the block, by a hash of the tail's bytes, packed as
    // hash << 32 | offset + 1 (0 is an empty slot). A hit is checked against the bytes; two tails with one hash
    // fall back to searching the block.
    private ulong[] _tails;
    private int _tailSlots, _tailShift, _tailCount;

    /// <param name="properties">properties to be written: sizes both indexes so that they rarely grow (a board's
    /// 3,800 properties have 650 names with 9,000 tails), while a small tree does not pay for a large one</param>
    public StringTableBuilder(int properties = 0)
    {
        _nameShift = 32 - int.Log2((int)uint.Min(uint.Max(256, BitOperations.RoundUpToPowerOf2((uint)properties / 2)), 1 << 14));
        _nameSlots = 1 << (32 - _nameShift);
        _names = ArrayPool<string?>.Shared.Rent(_nameSlots);
        _nameOffsets = ArrayPool<int>.Shared.Rent(_nameSlots);
        Array.Clear(_names, 0, _nameSlots);
        _tailShift = 32 - int.Log2((int)uint.Min(uint.Max(1024, BitOperations.RoundUpToPowerOf2((uint)properties * 4)), 1 << 16));
        _tailSlots = 1 << (32 - _tailShift);
        _tails = ArrayPool<ulong>.Shared.Rent(_tailSlots);
        Array.Clear(_tails, 0, _tailSlots);
    }

    public int Length => _length;

    public int Insert(string name)
    {
        var mask = _nameSlots - 1;
        var i = Slot(NameHash(name), _nameShift);
        while (_names[i] is { } known)
        {
            if (known.Length == name.Length && string.Equals(known, name)) return _nameOffsets[i];
            i = (i + 1) & mask;
        }
        var offset = Find(name);
        if (offset < 0) offset = Append(name);
        _names[i] = name;
        _nameOffsets[i] = offset;
        if (++_nameCount * 2 > _nameSlots) GrowNames();
        return offset;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    public void CopyTo(Span<byte> destination) => _bytes.AsSpan(0, _length).CopyTo(destination);

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_bytes);
        ArrayPool<string?>.Shared.Return(_names, clearArray: true);
        ArrayPool<int>.Shared.Return(_nameOffsets);
        ArrayPool<ulong>.Shared.Return(_tails);
        _bytes = [];
        _names = [];
        _nameOffsets = [];
        _tails = [];
    }

    private int Find(string name)
    {
        var hash = TailHash(name);
        var mask = _tailSlots - 1;
        for (var i = Slot(hash, _tailShift); _tails[i] != 0; i = (i + 1) & mask)
        {
            if ((uint)(_tails[i] >> 32) != hash) continue;
            var at = (int)(uint)_tails[i] - 1;
            if (StandsAt(name, at)) return at;
            // a hash shared by two tails: search the block for the first "name\0"
            Span<byte> needle = name.Length < 256 ? stackalloc byte[name.Length + 1] : new byte[name.Length + 1];
            for (var k = 0; k < name.Length; k++) needle[k] = (byte)name[k];
            needle[name.Length] = 0;
            return _bytes.AsSpan(0, _length).IndexOf(needle);
        }
        return -1;
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
        if (_bytes.Length - _length < name.Length + 1)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + name.Length + 1));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
        for (var i = 0; i < name.Length; i++) _bytes[_length++] = (byte)name[i];
        _bytes[_length++] = 0;
        // every tail, shortest first, hashed from its last byte back (the same hash TailHash gives a name);
        // a tail already present keeps its earlier, lower offset
        var hash = EmptyHash;
        AddTail(hash, offset + name.Length);
        for (var k = name.Length - 1; k >= 0; k--)
        {
            hash = Step(hash, (byte)name[k]);
            AddTail(hash, offset + k);
        }
        return offset;
    }

    private void AddTail(uint hash, int offset)
    {
        var mask = _tailSlots - 1;
        var i = Slot(hash, _tailShift);
        while (_tails[i] != 0)
        {
            if ((uint)(_tails[i] >> 32) == hash) return;
            i = (i + 1) & mask;
        }
        _tails[i] = (ulong)hash << 32 | (uint)(offset + 1);
        if (++_tailCount * 4 > _tailSlots * 3) GrowTails();
    }

    private void GrowTails()
    {
        var old = _tails;
        var oldSlots = _tailSlots;
        _tailSlots *= 2;
        _tailShift--;
        _tails = ArrayPool<ulong>.Shared.Rent(_tailSlots);
        Array.Clear(_tails, 0, _tailSlots);
        var mask = _tailSlots - 1;
        for (var j = 0; j < oldSlots; j++)
        {
            var entry = old[j];
            if (entry == 0) continue;
            var i = Slot((uint)(entry >> 32), _tailShift);
            while (_tails[i] != 0) i = (i + 1) & mask;
            _tails[i] = entry;
        }
        ArrayPool<ulong>.Shared.Return(old);
    }

    private void GrowNames()
    {
        var oldNames = _names;
        var oldOffsets = _nameOffsets;
        var oldSlots = _nameSlots;
        _nameSlots *= 2;
        _nameShift--;
        _names = ArrayPool<string?>.Shared.Rent(_nameSlots);
        _nameOffsets = ArrayPool<int>.Shared.Rent(_nameSlots);
        Array.Clear(_names, 0, _nameSlots);
        var mask = _nameSlots - 1;
        for (var j = 0; j < oldSlots; j++)
        {
            if (oldNames[j] is not { } name) continue;
            var i = Slot(NameHash(name), _nameShift);
            while (_names[i] is not null) i = (i + 1) & mask;
            _names[i] = name;
            _nameOffsets[i] = oldOffsets[j];
        }
        ArrayPool<string?>.Shared.Return(oldNames, clearArray: true);
        ArrayPool<int>.Shared.Return(oldOffsets);
    }

    // Fibonacci hashing: the top bits of the product, which every bit of the hash reaches
    private static int Slot(uint hash, int shift) => (int)((hash * 0x9E3779B9u) >> shift);

    // length and three characters, not the whole name: cheap, and property names that share a length differ at one
    // of them far more often than not (a clash costs one more probe and a comparison)
    private static uint NameHash(string s)
    {
        var h = (uint)s.Length;
        if (s.Length > 0) h = ((h * 31 + s[0]) * 31 + s[s.Length >> 1]) * 31 + s[^1];
        return h;
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
