namespace Viommu.DtEngine.Model;

/// <summary>What a marker inside a property value records (dtc's <c>enum markertype</c>, same order).</summary>
public enum MarkerType
{
    /// <summary>Untyped data start (e.g. /incbin/).</summary>
    None,
    /// <summary>A phandle reference (<c>&amp;label</c> in cells); the 4 bytes at the offset are patched.</summary>
    RefPhandle,
    /// <summary>A path reference (<c>&amp;label</c> outside cells); the path string is inserted at the offset.</summary>
    RefPath,
    /// <summary>A label inside a value.</summary>
    Label,
    TypeUint8,
    TypeUint16,
    TypeUint32,
    TypeUint64,
    TypeString,
}

/// <summary>A marker at a byte offset of a property value.</summary>
public sealed class Marker
{
    public Marker(MarkerType type, int offset, string? reference)
    {
        Type = type;
        Offset = offset;
        Reference = reference;
    }

    public MarkerType Type { get; set; }
    public int Offset { get; set; }
    /// <summary>Label or path for references and labels; null for type markers.</summary>
    public string? Reference { get; set; }

    public bool IsTypeMarker => Type >= MarkerType.TypeUint8;

    public Marker Clone() => new(Type, Offset, Reference);

    public override string ToString() => $"{Type}@{Offset}{(Reference is null ? "" : ":" + Reference)}";
}
