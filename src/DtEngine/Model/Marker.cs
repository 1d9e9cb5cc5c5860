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

/// <summary>A marker at a byte offset of a property value (a value: a tree holds thousands).</summary>
/// <param name="Type">What the marker records.</param>
/// <param name="Offset">Byte offset in the value.</param>
/// <param name="Reference">Label or path for references and labels; null for type markers.</param>
public readonly record struct Marker(MarkerType Type, int Offset, string? Reference)
{
    public bool IsTypeMarker => Type >= MarkerType.TypeUint8;

    public override string ToString() => $"{Type}@{Offset}{(Reference is null ? "" : ":" + Reference)}";
}
