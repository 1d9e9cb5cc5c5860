using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>A lop could not do its work because of its input (the lop file, the tree or the options).
/// The pipeline adds the lop's name, file and line; <see cref="NodePath"/> names the node it was working on, and
/// <see cref="Place"/>, where that node or property was written in a DTS input, makes the message's place.</summary>
public sealed class LopException : Exception
{
    public LopException(string message, string? nodePath = null) : base(message) => NodePath = nodePath;

    /// <summary>About <paramref name="node"/>, or its <paramref name="property"/> when it has it: the message is placed
    /// where that was written (a tree read from a blob has no places: the lop's then).</summary>
    public LopException(string message, DtNode node, string? property = null) : base(message)
    {
        NodePath = node.Path;
        _place = (property is null ? null : node.GetProperty(property)?.Position) ?? node.Position;
    }

    private readonly SourcePosition? _place;

    /// <summary>The tree node the lop was working on, when there was one.</summary>
    public string? NodePath { get; }

    /// <summary>Where in a DTS input the node or property the message is about was written, when known.</summary>
    public SourcePosition? Place
    {
        get => _place;
        // a null place keeps the one given with the node
        init => _place = value ?? _place;
    }
}
