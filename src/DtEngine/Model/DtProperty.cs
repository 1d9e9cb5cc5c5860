namespace Viommu.DtEngine.Model;

/// <summary>A device-tree property: a name, a value with markers, labels and where it came from.</summary>
public sealed class DtProperty : IDeletable
{
    public DtProperty(string name, PropertyValue value, SourcePosition? position = null)
    {
        _name = name;
        _value = value;
        _position = position;
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

    /// <summary>The same for a value with markers (a DTS reader's): the value object was a fifth of a parse's
    /// allocations, and writing the tree out needs only its bytes. The position is kept as numbers (see
    /// <see cref="PackedPosition"/>) where they fit.</summary>
    internal DtProperty(string name, in ValueSlice value, string file, int firstLine, int firstColumn, int lastLine, int lastColumn)
    {
        _name = name;
        _buffer = value.Bytes;
        _offset = value.Start;
        _length = value.Length;
        if (PackedPosition.TryPack(firstLine, firstColumn, lastLine, lastColumn, out _packedPosition)) _position = file;
        else _position = new SourcePosition(file, firstLine, firstColumn, lastLine, lastColumn);
        if (value.MarkerCount == 0) return;
        if (value.MarkerCount < MarkerCountLimit && value.MarkerStart <= int.MaxValue / MarkerCountLimit)
        {
            _value = value.Markers;
            _markerSlice = value.MarkerStart * MarkerCountLimit + value.MarkerCount;
        }
        else if (value.MarkerStart == 0 && value.MarkerCount == value.Markers!.Length)
        {
            _value = value.Markers;
            _markerSlice = WholeArray;
        }
        else _value = new PropertyValue(value.Bytes, value.Start, value.Length, value.Markers, value.MarkerStart, value.MarkerCount);
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

    // The value object once made. Before that, a value read in bulk is a slice of a shared buffer (_buffer, _offset,
    // _length) and its markers, if any, a slice of a shared marker array held here, where it costs no field of its
    // own (a tree holds thousands of properties): start and count in _markerSlice.
    private object? _value;
    private byte[]? _buffer;
    private int _offset;
    private int _length;
    private int _markerSlice;
    private const int MarkerCountLimit = 64;
    private const int WholeArray = -1;

    public PropertyValue Value
    {
        get => _value as PropertyValue ?? MakeValue();
        set
        {
            _value = value;
            _buffer = null;
        }
    }

    private PropertyValue MakeValue()
    {
        var markers = _value as Marker[];
        var made = markers is null
            ? new PropertyValue(_buffer!, _offset, _length, null, 0, 0)
            : new PropertyValue(_buffer!, _offset, _length, markers, MarkerStart, MarkerCount(markers));
        _value = made;
        return made;
    }

    private int MarkerStart => _markerSlice == WholeArray ? 0 : _markerSlice / MarkerCountLimit;

    private int MarkerCount(Marker[] markers) => _markerSlice == WholeArray ? markers.Length : _markerSlice % MarkerCountLimit;

    /// <summary>The value's bytes, without making the value object.</summary>
    internal ReadOnlySpan<byte> ValueBytes => _value is PropertyValue v ? v.Bytes : _buffer.AsSpan(_offset, _length);

    /// <summary>The value's length, without making the value object.</summary>
    internal int ValueLength => _value is PropertyValue v ? v.Length : _length;

    /// <summary>The value's markers, without making the value object.</summary>
    internal ReadOnlySpan<Marker> ValueMarkers => _value switch
    {
        PropertyValue v => v.MarkerSpan,
        Marker[] markers => markers.AsSpan(MarkerStart, MarkerCount(markers)),
        _ => default,
    };

    internal bool HasValueMarkers => _value switch
    {
        PropertyValue v => v.HasMarkers,
        Marker[] => true, // a slice is kept only when it has markers
        _ => false,
    };

    private List<Label>? _labels;
    private static readonly List<Label> NoLabels = new();

    /// <summary>Labels on the property, made on first use (most properties have none).</summary>
    public List<Label> Labels => _labels ??= new List<Label>();

    /// <summary>The live labels, without making the list when there is none.</summary>
    public LiveItems<Label> LiveLabels => new(_labels ?? NoLabels);
    public bool Deleted { get; set; }

    /// <summary>Where the property was defined, if it came from source.</summary>
    public SourcePosition? Position
    {
        get => _position as SourcePosition ?? UnpackPosition();
        set => _position = value;
    }

    // a SourcePosition, or the file's name with the numbers in _packedPosition (made into the object when first asked)
    private object? _position;
    private ulong _packedPosition;

    private SourcePosition? UnpackPosition()
    {
        if (_position is not string file) return null;
        var made = PackedPosition.Unpack(file, _packedPosition);
        _position = made;
        return made;
    }

    public override string ToString() => Name;
}
