using System.Buffers.Binary;
using System.Numerics;
using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// The strings block as dtc builds it: a name reuses the first place in the block where it stands as a
/// NUL-terminated string, including the tail of a longer name; otherwise it is appended.
/// </summary>
/// <remarks>
/// "name\0" can only stand at the end of a string of the block, so a new name is looked for among the strings that
/// end with its last 4 bytes, or its last 8 when it has 8: every string is indexed under both, in block order, and
/// the first that ends with the whole name holds it. A name shorter than 4 bytes is searched for in the block. A
/// board asks for 3,800 names, 650 distinct; indexing every tail of every string instead (9,000 tails) cost as
/// many instructions and three times the memory. Both indexes are open-addressed tables over pooled arrays;
/// <see cref="Dispose"/> returns them.
/// </remarks>
internal sealed class StringTableBuilder : IDisposable
{
    private byte[] _bytes = ScratchPool<byte>.Rent(1024);
    private int _length;
    private int _firstNul = -1; // where the empty name stands once the block has a string

    // names asked for before, with their offsets: most properties repeat a handful of names
    private string?[] _names;
    private int[] _nameOffsets;
    private int _nameSlots, _nameShift, _nameCount;

    // the suffix index: a slot per (suffix length 4 or 8, its bytes) with its chain of strings (where each ends)
    private ulong[] _suffixBytes;
    private byte[] _suffixLengths; // 0: empty slot
    private int[] _chainHeads, _chainTails;
    private int _suffixSlots, _suffixShift, _suffixCount;
    private int[] _entryEnds, _entryNext;
    private int _entryCount;

    /// <param name="properties">properties to be written: sizes both indexes so that they rarely grow, while a small
    /// tree does not pay for a large one</param>
    public StringTableBuilder(int properties = 0)
    {
        _nameShift = 32 - int.Log2((int)uint.Min(uint.Max(256, BitOperations.RoundUpToPowerOf2((uint)properties / 2)), 1 << 14));
        _nameSlots = 1 << (32 - _nameShift);
        _names = ScratchPool<string?>.Rent(_nameSlots);
        _nameOffsets = ScratchPool<int>.Rent(_nameSlots);
        Array.Clear(_names, 0, _nameSlots);
        _suffixShift = 32 - int.Log2((int)uint.Min(uint.Max(512, BitOperations.RoundUpToPowerOf2((uint)properties)), 1 << 15));
        _suffixSlots = 1 << (32 - _suffixShift);
        _suffixBytes = ScratchPool<ulong>.Rent(_suffixSlots);
        _suffixLengths = ScratchPool<byte>.Rent(_suffixSlots);
        _chainHeads = ScratchPool<int>.Rent(_suffixSlots);
        _chainTails = ScratchPool<int>.Rent(_suffixSlots);
        Array.Clear(_suffixLengths, 0, _suffixSlots);
        _entryEnds = ScratchPool<int>.Rent(_suffixSlots);
        _entryNext = ScratchPool<int>.Rent(_suffixSlots);
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
        var offset = FindOrAppend(name);
        _names[i] = name;
        _nameOffsets[i] = offset;
        if (++_nameCount * 2 > _nameSlots) GrowNames();
        return offset;
    }

    public byte[] ToArray() => _bytes.AsSpan(0, _length).ToArray();

    /// <summary>The table written so far.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    public void Dispose()
    {
        ScratchPool<byte>.Return(_bytes);
        ScratchPool<string?>.Return(_names, clear: true);
        ScratchPool<int>.Return(_nameOffsets);
        ScratchPool<ulong>.Return(_suffixBytes);
        ScratchPool<byte>.Return(_suffixLengths);
        ScratchPool<int>.Return(_chainHeads);
        ScratchPool<int>.Return(_chainTails);
        ScratchPool<int>.Return(_entryEnds);
        ScratchPool<int>.Return(_entryNext);
        _bytes = [];
        _names = [];
        _nameOffsets = [];
        _suffixBytes = [];
        _suffixLengths = [];
        _chainHeads = _chainTails = _entryEnds = _entryNext = [];
    }

    /// <summary>
    /// The offset of the name in the block, appending it when it is not there. The name's bytes are written once,
    /// past the block's end: the search reads its keys and compares from there, and an append only ends it with a NUL.
    /// </summary>
    private int FindOrAppend(string name)
    {
        if (name.Length == 0 && _firstNul >= 0) return _firstNul;
        EnsureRoom(name.Length + 1);
        var spelled = _bytes.AsSpan(_length, name.Length + 1);
        for (var i = 0; i < name.Length; i++) spelled[i] = (byte)name[i];
        spelled[name.Length] = 0;
        var found = name.Length == 0 ? -1 : name.Length < 4 ? _bytes.AsSpan(0, _length).IndexOf(spelled) : FindIndexed(spelled[..^1]);
        return found >= 0 ? found : AppendSpelled(name.Length);
    }

    /// <summary>The first string of the block that ends with these bytes (4 or more), or -1.</summary>
    private int FindIndexed(ReadOnlySpan<byte> spelled)
    {
        var keyLength = spelled.Length >= 8 ? 8 : 4;
        var slot = FindSlot(SuffixKey(spelled, keyLength), keyLength);
        if (_suffixLengths[slot] == 0) return -1;
        for (var e = _chainHeads[slot]; e >= 0; e = _entryNext[e])
        {
            // a string shorter than the name puts 'at' before its start, where a NUL or another string's bytes stand
            // and the comparison fails (or at < 0)
            var at = _entryEnds[e] - spelled.Length;
            if (at >= 0 && _bytes.AsSpan(at, spelled.Length).SequenceEqual(spelled)) return at;
        }
        return -1;
    }

    private void EnsureRoom(int count)
    {
        if (_bytes.Length - _length >= count) return;
        var larger = ScratchPool<byte>.Rent(Math.Max(_bytes.Length * 2, _length + count));
        _bytes.AsSpan(0, _length).CopyTo(larger);
        ScratchPool<byte>.Return(_bytes);
        _bytes = larger;
    }

    /// <summary>Makes the name spelled past the block's end (with its NUL) part of the block and indexes it.</summary>
    private int AppendSpelled(int length)
    {
        var offset = _length;
        var end = offset + length;
        _length = end + 1;
        if (_firstNul < 0) _firstNul = end;
        if (length >= 4)
        {
            var spelled = _bytes.AsSpan(offset, length);
            Index(SuffixKey(spelled, 4), 4, end);
            if (length >= 8) Index(SuffixKey(spelled, 8), 8, end);
        }
        return offset;
    }

    private void Index(ulong bytes, int keyLength, int end)
    {
        var slot = FindSlot(bytes, keyLength);
        if (_entryCount == _entryEnds.Length) GrowEntries();
        var entry = _entryCount++;
        _entryEnds[entry] = end;
        _entryNext[entry] = -1;
        if (_suffixLengths[slot] == 0)
        {
            _suffixLengths[slot] = (byte)keyLength;
            _suffixBytes[slot] = bytes;
            _chainHeads[slot] = entry;
            _chainTails[slot] = entry;
            if (++_suffixCount * 2 > _suffixSlots) GrowSuffixes();
        }
        else
        {
            _entryNext[_chainTails[slot]] = entry;
            _chainTails[slot] = entry;
        }
    }

    /// <summary>The slot holding this suffix, or the empty slot where it would go.</summary>
    private int FindSlot(ulong bytes, int keyLength)
    {
        var mask = _suffixSlots - 1;
        var i = Slot((uint)(bytes ^ bytes >> 32) + (uint)keyLength, _suffixShift);
        while (_suffixLengths[i] != 0 && (_suffixLengths[i] != keyLength || _suffixBytes[i] != bytes)) i = (i + 1) & mask;
        return i;
    }

    // the last 4 or 8 bytes, big-endian: the same key for the same bytes wherever they stand
    private static ulong SuffixKey(ReadOnlySpan<byte> spelled, int keyLength) => keyLength == 8
        ? BinaryPrimitives.ReadUInt64BigEndian(spelled[^8..])
        : BinaryPrimitives.ReadUInt32BigEndian(spelled[^4..]);

    private void GrowEntries()
    {
        var size = _entryEnds.Length * 2;
        var ends = ScratchPool<int>.Rent(size);
        var next = ScratchPool<int>.Rent(size);
        _entryEnds.AsSpan(0, _entryCount).CopyTo(ends);
        _entryNext.AsSpan(0, _entryCount).CopyTo(next);
        ScratchPool<int>.Return(_entryEnds);
        ScratchPool<int>.Return(_entryNext);
        (_entryEnds, _entryNext) = (ends, next);
    }

    private void GrowSuffixes()
    {
        var (oldBytes, oldLengths, oldHeads, oldTails, oldSlots) = (_suffixBytes, _suffixLengths, _chainHeads, _chainTails, _suffixSlots);
        _suffixSlots *= 2;
        _suffixShift--;
        _suffixBytes = ScratchPool<ulong>.Rent(_suffixSlots);
        _suffixLengths = ScratchPool<byte>.Rent(_suffixSlots);
        _chainHeads = ScratchPool<int>.Rent(_suffixSlots);
        _chainTails = ScratchPool<int>.Rent(_suffixSlots);
        Array.Clear(_suffixLengths, 0, _suffixSlots);
        for (var j = 0; j < oldSlots; j++)
        {
            if (oldLengths[j] == 0) continue;
            var i = FindSlot(oldBytes[j], oldLengths[j]);
            _suffixLengths[i] = oldLengths[j];
            _suffixBytes[i] = oldBytes[j];
            _chainHeads[i] = oldHeads[j];
            _chainTails[i] = oldTails[j];
        }
        ScratchPool<ulong>.Return(oldBytes);
        ScratchPool<byte>.Return(oldLengths);
        ScratchPool<int>.Return(oldHeads);
        ScratchPool<int>.Return(oldTails);
    }

    private void GrowNames()
    {
        var oldNames = _names;
        var oldOffsets = _nameOffsets;
        var oldSlots = _nameSlots;
        _nameSlots *= 2;
        _nameShift--;
        _names = ScratchPool<string?>.Rent(_nameSlots);
        _nameOffsets = ScratchPool<int>.Rent(_nameSlots);
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
        ScratchPool<string?>.Return(oldNames, clear: true);
        ScratchPool<int>.Return(oldOffsets);
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
}
