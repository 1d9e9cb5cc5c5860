using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// A lexed DTS token. Small on purpose (one reference, no strings for numbers or punctuation): the parser
/// copies one per token of the source.
/// </summary>
internal struct Token
{
    // a name's string, or the array holding a string literal's bytes
    private object? _payload;

    /// <summary>Overwrites the token in place: the lexer keeps its current token in a field and the parser
    /// reads it by reference, because copying a token through return values cost more than making it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Set(TokenKind kind, char ch, ulong value, object? payload, int file, int firstLine, int firstColumn, int lastLine, int lastColumn)
    {
        Kind = kind;
        CharValue = ch;
        Value = value;
        _payload = payload;
        // the span's numbers one by one: written as a struct they are read back with wider loads than they were
        // stored with, which stalls the processor on every token
        _file = file;
        _firstLine = firstLine;
        _firstColumn = firstColumn;
        _lastLine = lastLine;
        _lastColumn = lastColumn;
    }

    private int _file, _firstLine, _firstColumn, _lastLine, _lastColumn;

    public TokenKind Kind { readonly get; private set; }

    /// <summary>The character of a <see cref="TokenKind.Char"/> token; '\0' for other kinds.</summary>
    public char CharValue { readonly get; private set; }

    /// <summary>The number of a literal, character literal or byte (for a string: where its bytes are).</summary>
    public ulong Value { readonly get; private set; }

    public readonly SourceSpan Span
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => new(_file, _firstLine, _firstColumn, _lastLine, _lastColumn);
    }

    /// <summary>The spelling of a name, label or reference (without its '&amp;', ':' or braces); "" for other kinds.</summary>
    public readonly string Text => _payload as string ?? "";

    /// <summary>A string literal's decoded bytes, without the NUL the value gets (an array holding them, with
    /// their offset and length packed in <see cref="Value"/>: the source itself when there was no escape).</summary>
    public readonly ReadOnlySpan<byte> StringBytes => _payload is byte[] bytes ? bytes.AsSpan((int)(Value >> 32), (int)(uint)Value) : default;

    public readonly bool IsChar(char c) => Kind == TokenKind.Char && CharValue == c;
}
