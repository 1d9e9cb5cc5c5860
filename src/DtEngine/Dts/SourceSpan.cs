using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>Where a token sat, as plain numbers (the file is an index into the lexer's file names): the lexer
/// makes one per token, and a <see cref="SourcePosition"/> (an object nodes and messages keep) is made from it
/// by <see cref="DtsLexer.ToPosition(in SourceSpan)"/> only where one is needed.</summary>
internal readonly record struct SourceSpan(int File, int FirstLine, int FirstColumn, int LastLine, int LastColumn);
