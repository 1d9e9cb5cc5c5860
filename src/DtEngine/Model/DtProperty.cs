namespace Viommu.DtEngine.Model;

/// <summary>A device-tree property: a name, a value with markers, labels and where it came from.</summary>
public sealed class DtProperty : IDeletable
{
    public DtProperty(string name, PropertyValue value, SourcePosition? position = null)
    {
        _name = name;
        _value = value;
        Position = position;
    }

    /// <summary>
    /// A property whose value is a slice of a reader's shared buffer, owned by this property: its
    /// <see cref="PropertyValue"/> is made when first asked for. A blob's properties are mostly written out again
    /// without anyone asking, and the value object was a third of a blob read's allocations.
    /// </summary>
    internal DtProperty(string name, byte[] buffer, int offset, int length)
    {
        _name = name;
        _buffer = buffer;
        _offset = offset;
        _length = length;
    }

    public string Name
    {
        get => _name;
        set
        {
            _name = value;
            Interlocked.Increment(ref s_renames);
        }
    }

    private string _name;

    // every rename anywhere, so that a node's name bits (DtNode.GetProperty) know when to look again
    private static int s_renames;

    internal static int Renames => Volatile.Read(ref s_renames);

    private PropertyValue? _value;
    private byte[]? _buffer;
    private int _offset;
    private int _length;

    public PropertyValue Value
    {
        get => _value ??= new PropertyValue(_buffer!, _offset, _length, null, 0, 0);
        set
        {
            _value = value;
            _buffer = null;
        }
    }

    /// <summary>The value's bytes, without making the value object.</summary>
    internal ReadOnlySpan<byte> ValueBytes => _value is null ? _buffer.AsSpan(_offset, _length) : _value.Bytes;

    /// <summary>The value's length, without making the value object.</summary>
    internal int ValueLength => _value is null ? _length : _value.Length;

    /// <summary>The value's markers (none for a slice), without making the value object.</summary>
    internal ReadOnlySpan<Marker> ValueMarkers => _value is null ? default : _value.MarkerSpan;

    internal bool HasValueMarkers => _value is not null && _value.HasMarkers;

    private List<Label>? _labels;
    private static readonly List<Label> NoLabels = new();

    /// <summary>Labels on the property, made on first use (most properties have none).</summary>
    public List<Label> Labels => _labels ??= new List<Label>();

    /// <summary>The live labels, without making the list when there is none.</summary>
    public LiveItems<Label> LiveLabels => new(_labels ?? NoLabels);
    public bool Deleted { get; set; }
    public SourcePosition? Position { get; set; }

    public override string ToString() => Name;
}
