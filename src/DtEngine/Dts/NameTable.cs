namespace Viommu.DtEngine.Dts;

/// <summary>
/// Latin-1 strings made from source bytes, one instance per spelling: a board file names "reg",
/// "compatible" or a label hundreds of times, and each repeat would otherwise be a new string.
/// </summary>
internal sealed class NameTable
{
    private string?[] _slots = new string?[1024];
    private int _count;

    public string Get(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 64) return System.Text.Encoding.Latin1.GetString(bytes);
        var mask = _slots.Length - 1;
        var i = Hash(bytes) & mask;
        while (true)
        {
            var s = _slots[i];
            if (s is null) break;
            if (Same(s, bytes)) return s;
            i = (i + 1) & mask;
        }
        var made = System.Text.Encoding.Latin1.GetString(bytes);
        _slots[i] = made;
        if (++_count * 2 > _slots.Length) Grow();
        return made;
    }

    private static int Hash(ReadOnlySpan<byte> bytes)
    {
        var h = 2166136261u;
        foreach (var b in bytes) h = (h ^ b) * 16777619u;
        return (int)(h ^ (h >> 15));
    }

    private static bool Same(string s, ReadOnlySpan<byte> bytes)
    {
        if (s.Length != bytes.Length) return false;
        for (var i = 0; i < bytes.Length; i++) if (s[i] != bytes[i]) return false;
        return true;
    }

    private void Grow()
    {
        var old = _slots;
        _slots = new string?[old.Length * 2];
        var mask = _slots.Length - 1;
        Span<byte> scratch = stackalloc byte[64];
        foreach (var s in old)
        {
            if (s is null) continue;
            for (var k = 0; k < s.Length; k++) scratch[k] = (byte)s[k];
            var i = Hash(scratch[..s.Length]) & mask;
            while (_slots[i] is not null) i = (i + 1) & mask;
            _slots[i] = s;
        }
    }
}
