namespace Viommu.DtEngine.Checks;

/// <summary>
/// The property names that keyed checks look for (about forty), numbered, with a lookup cheap enough to ask for
/// every property of a board: most names are not among them and are told apart by length and two characters.
/// </summary>
internal sealed class KeyNames
{
    private string?[] _slots = new string?[128];
    private int[] _numbers = new int[128];
    private readonly List<string> _names = new();

    public int Count => _names.Count;

    /// <summary>The name's number, adding it when new.</summary>
    public int Add(string name)
    {
        var found = IndexOf(name);
        if (found >= 0) return found;
        if ((_names.Count + 1) * 2 > _slots.Length) Grow();
        Place(name, _names.Count);
        _names.Add(name);
        return _names.Count - 1;
    }

    /// <summary>The name's number, or -1.</summary>
    public int IndexOf(string name)
    {
        var mask = _slots.Length - 1;
        for (var i = Hash(name) & mask; _slots[i] is { } known; i = (i + 1) & mask)
            if (known.Length == name.Length && string.Equals(known, name)) return _numbers[i];
        return -1;
    }

    private void Place(string name, int number)
    {
        var mask = _slots.Length - 1;
        var i = Hash(name) & mask;
        while (_slots[i] is not null) i = (i + 1) & mask;
        _slots[i] = name;
        _numbers[i] = number;
    }

    private void Grow()
    {
        _slots = new string?[_slots.Length * 2];
        _numbers = new int[_slots.Length];
        for (var n = 0; n < _names.Count; n++) Place(_names[n], n);
    }

    private static int Hash(string s)
        => s.Length == 0 ? 0 : (int)(((uint)s.Length * 0x9E3779B9u ^ (uint)s[0] * 0x85EBCA6Bu ^ (uint)s[^1] * 0xC2B2AE35u) >> 7);
}
