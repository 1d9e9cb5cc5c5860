using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>See <see cref="CheckHelpers.LiveProperties"/>.</summary>
internal ref struct LivePropertyWalk
{
    private readonly ReadOnlySpan<DtProperty> _items;
    private int _index;

    public LivePropertyWalk(ReadOnlySpan<DtProperty> items)
    {
        _items = items;
        _index = -1;
    }

    public readonly LivePropertyWalk GetEnumerator() => this;

    public readonly DtProperty Current => _items[_index];

    public bool MoveNext()
    {
        while (++_index < _items.Length)
            if (!_items[_index].Deleted) return true;
        return false;
    }
}
