namespace Viommu.Lops.Runtime;

/// <summary>A lop could not do its work because of its input (the lop file, the tree or the options).
/// The pipeline adds the lop's name, file and line; <see cref="NodePath"/> names the node it was working on.</summary>
public sealed class LopException : Exception
{
    public LopException(string message, string? nodePath = null) : base(message) => NodePath = nodePath;

    /// <summary>The tree node the lop was working on, when there was one.</summary>
    public string? NodePath { get; }
}
