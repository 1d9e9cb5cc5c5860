namespace Viommu.DtEngine.Model;

/// <summary>A device-tree property: a name, a value with markers, labels and where it came from.</summary>
public sealed class DtProperty : IDeletable
{
    public DtProperty(string name, PropertyValue value, SourcePosition? position = null)
    {
        Name = name;
        Value = value;
        Position = position;
    }

    public string Name { get; set; }
    public PropertyValue Value { get; set; }
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
