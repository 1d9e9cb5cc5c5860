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
    public List<Label> Labels { get; } = new();
    public bool Deleted { get; set; }
    public SourcePosition? Position { get; set; }

    public override string ToString() => Name;
}
