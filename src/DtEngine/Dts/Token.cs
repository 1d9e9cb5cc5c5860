using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>A lexed DTS token with its source span.</summary>
public readonly record struct Token(TokenKind Kind, string Text, ulong Value, PropertyValue? Data, SourceSpan Span)
{
    /// <summary>The token's span as a new position object (for nodes, properties and messages).</summary>
    public SourcePosition Position => Span.ToPosition();

    public char CharValue => Kind == TokenKind.Char ? Text[0] : '\0';

    public bool IsChar(char c) => Kind == TokenKind.Char && Text[0] == c;

    public string Describe() => Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Char => $"'{Text}'",
        _ => $"{Kind} '{Text}'",
    };
}
