namespace Viommu.DtEngine.Model;

/// <summary>A label on a node, property or memory reservation; deletion keeps it in place, marked.</summary>
public sealed class Label : IDeletable
{
    public Label(string name) => Name = name;
    public string Name { get; }
    public bool Deleted { get; set; }
    public override string ToString() => Name;
}

/// <summary>Label list helpers with dtc's semantics (newest label first, re-adding undeletes).</summary>
public static class LabelList
{
    public static void Add(List<Label> labels, string name)
    {
        foreach (var l in labels)
            if (l.Name == name) { l.Deleted = false; return; }
        labels.Insert(0, new Label(name));
    }

    public static void DeleteAll(List<Label> labels)
    {
        foreach (var l in labels) l.Deleted = true;
    }

    public static LiveItems<Label> Live(List<Label> labels) => new(labels);

    public static bool HasLive(List<Label> labels)
    {
        foreach (var l in labels) if (!l.Deleted) return true;
        return false;
    }
}
