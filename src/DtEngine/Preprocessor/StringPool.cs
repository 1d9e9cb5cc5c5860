namespace Viommu.DtEngine.Preprocessor;

/// <summary>Hands out one string per distinct spelling, so repeated identifiers do not each allocate.</summary>
public sealed class StringPool
{
    private readonly HashSet<string> _set = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _set.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var existing)) return existing;
        var s = text.ToString();
        _set.Add(s);
        return s;
    }
}
