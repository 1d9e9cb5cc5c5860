using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// A lexed DTS token. Small on purpose (one reference, no strings for numbers or punctuation): the parser
/// copies one per token of the source.
/// </summary>
internal readonly struct Token
{
    // a name's string, or the array holding a string literal's bytes
    private readonly object? _payload;

    public Token(TokenKind kind, char ch, ulong value, object? payload, SourceSpan span)
    {
        Kind = kind;
        CharValue = ch;
        Value = value;
        _payload = payload;
        Span = span;
    }

    public TokenKind Kind { get; }

    /// <summary>The character of a <see cref="TokenKind.Char"/> token; '\0' for other kinds.</summary>
    public char CharValue { get; }

    /// <summary>The number of a literal, character literal or byte (for a string: where its bytes are).</summary>
    public ulong Value { get; }

    public SourceSpan Span { get; }

    /// <summary>The spelling of a name, label or reference (without its '&amp;', ':' or braces); "" for other kinds.</summary>
    public string Text => _payload as string ?? "";

    /// <summary>A string literal's decoded bytes, without the NUL the value gets (an array holding them, with
    /// their offset and length packed in <see cref="Value"/>: the source itself when there was no escape).</summary>
    public ReadOnlySpan<byte> StringBytes => _payload is byte[] bytes ? bytes.AsSpan((int)(Value >> 32), (int)(uint)Value) : default;

    public bool IsChar(char c) => Kind == TokenKind.Char && CharValue == c;
}
