using System.Buffers.Binary;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// Latin-1 strings made from source bytes, one instance per spelling: a board file names "reg",
/// "compatible" or a label hundreds of times, and each repeat would otherwise be a new string.
/// </summary>
/// <remarks>
/// A spelling is compared with a copy of its bytes in one shared array (a byte comparison is a few wide loads; a
/// comparison with the string's chars was a tenth of a board's name lookups), so that an entry is 16 bytes and a
/// board's 1,500 names fit a table that stays below the large-object heap (a large table each parse set off full
/// collections).
/// A table is kept per thread from one parse to the next (<see cref="Rent"/>, <see cref="Return"/>): a program that
/// parses tree after tree then makes neither the table nor the names again (a board's table and names were 15 % of
/// its parse's allocations). A table that has grown past <see cref="LargestKept"/> slots is dropped, so what a thread
/// keeps stays bounded however many different trees it reads.
/// </remarks>
internal sealed class NameTable
{
    private const int LongestShared = 64;
    private const int LargestKept = 4096; // 64 KB of entries, below the large-object threshold
    private const int LargestSpellingsKept = 64 * 1024;
    // small at first: a small tree's run would otherwise fault in 32 KB it does not use (about 8 pages of a
    // one-shot run's 240); a board grows the table to its size in a few doublings
    private Entry[] _slots = new Entry[256];
    private int _count;
    // every name's bytes, back to back: an entry holds where its name starts (its length is the string's)
    private byte[] _spellings = new byte[4 * 1024];
    private int _spellingsUsed;

    [ThreadStatic] private static NameTable? t_kept;

    /// <summary>This thread's table from its last parse, or a new one.</summary>
    public static NameTable Rent()
    {
        var kept = t_kept;
        t_kept = null;
        return kept ?? new NameTable();
    }

    /// <summary>Keeps the table for this thread's next parse (the names stay: strings never change).</summary>
    public static void Return(NameTable table)
    {
        if (table._slots.Length <= LargestKept && table._spellings.Length <= LargestSpellingsKept) t_kept = table;
    }

    private struct Entry
    {
        public string? Text;
        public uint Hash;
        public int Spelling;
    }

    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > LongestShared) return System.Text.Encoding.Latin1.GetString(bytes);
        var hash = Hash(bytes);
        var mask = _slots.Length - 1;
        var i = (int)hash & mask;
        while (true)
        {
            ref var e = ref _slots[i];
            if (e.Text is null) break;
            if (e.Hash == hash && e.Text.Length == bytes.Length && bytes.SequenceEqual(_spellings.AsSpan(e.Spelling, bytes.Length)))
                return e.Text;
            i = (i + 1) & mask;
        }
        var made = System.Text.Encoding.Latin1.GetString(bytes);
        if (_spellings.Length - _spellingsUsed < bytes.Length) Array.Resize(ref _spellings, _spellings.Length * 2);
        bytes.CopyTo(_spellings.AsSpan(_spellingsUsed));
        _slots[i] = new Entry { Text = made, Hash = hash, Spelling = _spellingsUsed };
        _spellingsUsed += bytes.Length;
        if (++_count * 2 > _slots.Length) Grow();
        return made;
    }

    /// <summary>A multiplicative hash over 8-byte words (names are short; this is a few steps each).</summary>
    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        var h = (ulong)bytes.Length * 0x9E3779B97F4A7C15UL;
        while (bytes.Length >= 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0xFF51AFD7ED558CCDUL;
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (var k = 0; k < bytes.Length; k++) tail |= (ulong)bytes[k] << (8 * k);
        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        return (uint)(h >> 32);
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new Entry[old.Length * 2];
        var mask = _slots.Length - 1;
        foreach (var e in old)
        {
            if (e.Text is null) continue;
            var i = (int)e.Hash & mask;
            while (_slots[i].Text is not null) i = (i + 1) & mask;
            _slots[i] = e;
        }
    }
}
