using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>Where a token sat in its file, as a value: the lexer makes one per token, and a
/// <see cref="SourcePosition"/> (an object nodes and messages keep) is made from it only where one is needed.</summary>
public readonly record struct SourceSpan(string File, int FirstLine, int FirstColumn, int LastLine, int LastColumn)
{
    public SourcePosition ToPosition() => new(File, FirstLine, FirstColumn, LastLine, LastColumn);

    /// <summary>dtc's format, as <see cref="SourcePosition.ToString"/>.</summary>
    public override string ToString() => ToPosition().ToString();
}
