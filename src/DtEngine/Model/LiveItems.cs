using System.Collections;

namespace Viommu.DtEngine.Model;

/// <summary>An item of the tree that stays in its list when deleted, marked, as dtc keeps it.</summary>
public interface IDeletable
{
    /// <summary>True once deleted; the item is skipped by <see cref="LiveItems{T}"/>.</summary>
    bool Deleted { get; }
}

/// <summary>
/// The live (not deleted) items of a list, in order. Walked by index, so items appended during a walk are visited,
/// as dtc's list walks visit them. A struct enumerator: <c>foreach</c> allocates nothing (the checks walk every
/// node's properties a dozen times).
/// </summary>
public readonly struct LiveItems<T> : IEnumerable<T> where T : class, IDeletable
{
    private readonly List<T> _items;

    public LiveItems(List<T> items) => _items = items;

    public Enumerator GetEnumerator() => new(_items);

    /// <summary>True when every item is deleted (or there is none).</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var item in _items) if (!item.Deleted) return false;
            return true;
        }
    }

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the live items; see <see cref="LiveItems{T}"/>.</summary>
    public struct Enumerator : IEnumerator<T>
    {
        private readonly List<T> _items;
        private int _index;
        private T? _current;

        internal Enumerator(List<T> items)
        {
            _items = items;
            _index = -1;
            _current = null;
        }

        public readonly T Current => _current!;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            while (++_index < _items.Count)
            {
                var item = _items[_index];
                if (!item.Deleted)
                {
                    _current = item;
                    return true;
                }
            }
            _current = null;
            return false;
        }

        public void Reset()
        {
            _index = -1;
            _current = null;
        }

        public readonly void Dispose() { }
    }
}
