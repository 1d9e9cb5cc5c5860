using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Yaml;

/// <summary>
/// The part of libyaml's emitter (0.2.5, default settings: indent 2, width 80, no Unicode, not canonical) that dtc's
/// YAML output uses: one document holding a block sequence, block mappings with simple keys, flow sequences,
/// plain, single- and double-quoted scalars, tags. Where a line breaks depends on the column, so the emitter's
/// state is kept as libyaml keeps it: the column, whether the last thing written was whitespace or indentation,
/// the indent stack and the flow level.
/// </summary>
internal sealed class LibYamlEmitter(Latin1Builder output)
{
    private const int BestIndent = 2;
    private const int BestWidth = 80;
    // a key longer than this (with its tag) is written as "? key" (libyaml's simple-key limit)
    private const int SimpleKeyLimit = 128;

    private readonly Stack<int> _indents = new();
    private int _indent = -1;
    private int _column;
    private bool _whitespace = true;
    private bool _indention = true;
    private int _flowLevel;

    /// <summary>How a scalar may be written; what libyaml's analysis finds.</summary>
    private readonly record struct ScalarAnalysis(bool FlowPlain, bool BlockPlain, bool SingleQuoted, bool Multiline, bool Empty = false);

    public enum Style { Plain, DoubleQuoted }

    /// <summary>"---" (an explicit document start).</summary>
    public void DocumentStart()
    {
        WriteIndent();
        WriteIndicator("---", true, false, false);
    }

    /// <summary>"..." (an explicit document end) and the last line end.</summary>
    public void DocumentEnd()
    {
        WriteIndent();
        WriteIndicator("...", true, false, false);
        WriteIndent();
    }

    public void BlockSequenceStart(bool mappingContext) => IncreaseIndent(false, mappingContext && !_indention);

    public void BlockSequenceItem()
    {
        WriteIndent();
        WriteIndicator("-", true, false, true);
    }

    public void BlockSequenceEnd() => PopIndent();

    public void BlockMappingStart() => IncreaseIndent(false, false);

    public void BlockMappingEnd() => PopIndent();

    /// <summary>An empty mapping, which libyaml writes in flow style whatever was asked.</summary>
    public void EmptyMapping()
    {
        WriteIndicator("{", true, true, false);
        WriteIndicator("}", false, false, false);
    }

    /// <summary>
    /// A key of a block mapping and the ':' after it. <paramref name="quotedImplicit"/> false means a quoted key
    /// gets the non-specific tag "!" (dtc asks that for node names).
    /// </summary>
    public void BlockMappingKey(ReadOnlySpan<byte> key, bool quotedImplicit)
    {
        WriteIndent();
        var analysis = Analyze(key);
        // libyaml measures the key before it picks the style (and the "!" that a quoted style may add)
        if (!analysis.Multiline && key.Length <= SimpleKeyLimit)
        {
            var style = SelectStyle(Style.Plain, analysis, simpleKey: true, tagShown: false, plainImplicit: true, quotedImplicit, out var bangTag);
            Scalar(key, style, bangTag ? "!" : null, null, simpleKey: true);
            WriteIndicator(":", false, false, false);
            return;
        }
        // a complex key: "? key", then ':' on a line of its own
        WriteIndicator("?", true, false, true);
        var complexStyle = SelectStyle(Style.Plain, analysis, simpleKey: false, tagShown: false, plainImplicit: true, quotedImplicit, out var complexBang);
        Scalar(key, complexStyle, complexBang ? "!" : null, null, simpleKey: false);
        WriteIndent();
        WriteIndicator(":", true, false, true);
    }

    /// <summary>'[' after an optional tag (<c>!u8</c> is handle "!" and suffix "u8").</summary>
    public void FlowSequenceStart(string? tagSuffix)
    {
        if (tagSuffix is not null) WriteTag("!", tagSuffix);
        WriteIndicator("[", true, true, false);
        IncreaseIndent(true, false);
        _flowLevel++;
    }

    /// <summary>Before each item of a flow sequence: ',' after the first, and a line break once past the width.</summary>
    public void FlowSequenceItem(bool first)
    {
        if (!first) WriteIndicator(",", false, false, false);
        if (_column > BestWidth) WriteIndent();
    }

    public void FlowSequenceEnd()
    {
        _flowLevel--;
        PopIndent();
        WriteIndicator("]", false, false, false);
    }

    /// <summary>A scalar value (not a key): <paramref name="tagSuffix"/> is written as "!suffix" when given.</summary>
    public void Scalar(ReadOnlySpan<byte> value, Style requested, string? tagSuffix, bool plainImplicit, bool quotedImplicit)
    {
        var tagShown = tagSuffix is not null;
        var style = SelectStyle(requested, Analyze(value), simpleKey: false, tagShown, plainImplicit, quotedImplicit, out var bangTag);
        Scalar(value, style, tagShown || bangTag ? "!" : null, tagSuffix, simpleKey: false);
    }

    private enum Written { Plain, SingleQuoted, DoubleQuoted }

    private void Scalar(ReadOnlySpan<byte> value, Written style, string? tagHandle, string? tagSuffix, bool simpleKey)
    {
        if (tagHandle is not null) WriteTag(tagHandle, tagSuffix);
        IncreaseIndent(true, false);
        var allowBreaks = !simpleKey;
        switch (style)
        {
            case Written.Plain: WritePlain(value, allowBreaks); break;
            case Written.SingleQuoted: WriteSingleQuoted(value, allowBreaks); break;
            default: WriteDoubleQuoted(value, allowBreaks); break;
        }
        PopIndent();
    }

    /// <summary>libyaml's style choice; <paramref name="bangTag"/>: a quoted scalar that may not be implicit gets "!".</summary>
    private Written SelectStyle(Style requested, ScalarAnalysis a, bool simpleKey, bool tagShown, bool plainImplicit, bool quotedImplicit, out bool bangTag)
    {
        var style = requested == Style.Plain ? Written.Plain : Written.DoubleQuoted;
        if (simpleKey && a.Multiline) style = Written.DoubleQuoted;
        if (style == Written.Plain)
        {
            if (_flowLevel > 0 ? !a.FlowPlain : !a.BlockPlain) style = Written.SingleQuoted;
            if (a.Empty && (_flowLevel > 0 || simpleKey)) style = Written.SingleQuoted;
            if (!tagShown && !plainImplicit) style = Written.SingleQuoted;
        }
        if (style == Written.SingleQuoted && !a.SingleQuoted) style = Written.DoubleQuoted;
        bangTag = !tagShown && !quotedImplicit && style != Written.Plain;
        return style;
    }

    /// <summary>libyaml's scalar analysis for ASCII text: where plain and single-quoted writing is allowed.</summary>
    private static ScalarAnalysis Analyze(ReadOnlySpan<byte> s)
    {
        // an empty scalar may be plain in block context only, and not as a key
        if (s.Length == 0) return new ScalarAnalysis(false, true, true, false, Empty: true);
        bool flowIndicators = false, blockIndicators = false, lineBreaks = false, special = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        if (s.Length >= 3 && ((s[0] == '-' && s[1] == '-' && s[2] == '-') || (s[0] == '.' && s[1] == '.' && s[2] == '.')))
            flowIndicators = blockIndicators = true;
        var precededByWhitespace = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            // the byte after the scalar is its terminating NUL, which counts as whitespace
            var followedByWhitespace = i + 1 >= s.Length || IsBlankOrBreak(s[i + 1]);
            if (i == 0)
            {
                if (c is (byte)'#' or (byte)',' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'&' or (byte)'*'
                    or (byte)'!' or (byte)'|' or (byte)'>' or (byte)'\'' or (byte)'"' or (byte)'%' or (byte)'@' or (byte)'`')
                    flowIndicators = blockIndicators = true;
                if (c is (byte)'?' or (byte)':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace) blockIndicators = true;
                }
                if (c == '-' && followedByWhitespace) flowIndicators = blockIndicators = true;
            }
            else
            {
                if (c is (byte)',' or (byte)'?' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}') flowIndicators = true;
                if (c == ':')
                {
                    flowIndicators = true;
                    if (followedByWhitespace) blockIndicators = true;
                }
                if (c == '#' && precededByWhitespace) flowIndicators = blockIndicators = true;
            }
            if (!IsPrintable(c)) special = true;
            if (IsBreak(c)) lineBreaks = true;
            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == s.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                if (i == 0) leadingBreak = true;
                if (i == s.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            }
            else previousSpace = previousBreak = false;
            precededByWhitespace = IsBlankOrBreak(c) || c == 0;
        }
        bool flowPlain = true, blockPlain = true, singleQuoted = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) flowPlain = blockPlain = false;
        if (breakSpace) flowPlain = blockPlain = singleQuoted = false;
        if (spaceBreak || special) flowPlain = blockPlain = singleQuoted = false;
        if (lineBreaks) flowPlain = blockPlain = false;
        if (flowIndicators) flowPlain = false;
        if (blockIndicators) blockPlain = false;
        return new ScalarAnalysis(flowPlain, blockPlain, singleQuoted, lineBreaks);
    }

    // one byte of ASCII: libyaml's tests reduced to what dtc can pass (it refuses anything else before)
    private static bool IsPrintable(byte c) => c == 0x0A || (c >= 0x20 && c <= 0x7E);
    private static bool IsBreak(byte c) => c is (byte)'\r' or (byte)'\n';
    private static bool IsBlankOrBreak(byte c) => c is (byte)' ' or (byte)'\t' || IsBreak(c);

    private void IncreaseIndent(bool flow, bool indentless)
    {
        _indents.Push(_indent);
        if (_indent < 0) _indent = flow ? BestIndent : 0;
        else if (!indentless) _indent += BestIndent;
    }

    private void PopIndent() => _indent = _indents.Pop();

    private void Put(char c)
    {
        output.Append(c);
        _column++;
    }

    private void PutBreak()
    {
        output.Append('\n');
        _column = 0;
    }

    private void WriteIndent()
    {
        var indent = Math.Max(_indent, 0);
        if (!_indention || _column > indent || (_column == indent && !_whitespace)) PutBreak();
        while (_column < indent) Put(' ');
        _whitespace = true;
        _indention = true;
    }

    private void WriteIndicator(string indicator, bool needWhitespace, bool isWhitespace, bool isIndention)
    {
        if (needWhitespace && !_whitespace) Put(' ');
        foreach (var c in indicator) Put(c);
        _whitespace = isWhitespace;
        _indention = _indention && isIndention;
    }

    private void WriteTag(string handle, string? suffix)
    {
        if (!_whitespace) Put(' ');
        foreach (var c in handle) Put(c);
        // dtc's tag suffixes (u8, u16, u64, phandle) are all characters a tag may hold as they are
        if (suffix is not null) foreach (var c in suffix) Put(c);
        _whitespace = false;
        _indention = false;
    }

    private void WritePlain(ReadOnlySpan<byte> s, bool allowBreaks)
    {
        if (!_whitespace && (s.Length > 0 || _flowLevel > 0)) Put(' ');
        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < s.Length && s[i + 1] == ' ')) WriteIndent();
                else Put(' ');
                spaces = true;
            }
            else
            {
                Put((char)s[i]);
                _indention = false;
                spaces = false;
            }
        }
        _whitespace = false;
        _indention = false;
    }

    private void WriteSingleQuoted(ReadOnlySpan<byte> s, bool allowBreaks)
    {
        WriteIndicator("'", true, false, false);
        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != s.Length - 1 && !(i + 1 < s.Length && s[i + 1] == ' '))
                    WriteIndent();
                else Put(' ');
                spaces = true;
            }
            else
            {
                if (s[i] == '\'') Put('\'');
                Put((char)s[i]);
                _indention = false;
                spaces = false;
            }
        }
        WriteIndicator("'", false, false, false);
        _whitespace = false;
        _indention = false;
    }

    private void WriteDoubleQuoted(ReadOnlySpan<byte> s, bool allowBreaks)
    {
        WriteIndicator("\"", true, false, false);
        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (!IsPrintable(c) || IsBreak(c) || c == '"' || c == '\\')
            {
                Put('\\');
                switch (c)
                {
                    case 0x00: Put('0'); break;
                    case 0x07: Put('a'); break;
                    case 0x08: Put('b'); break;
                    case 0x09: Put('t'); break;
                    case 0x0A: Put('n'); break;
                    case 0x0B: Put('v'); break;
                    case 0x0C: Put('f'); break;
                    case 0x0D: Put('r'); break;
                    case 0x1B: Put('e'); break;
                    case (byte)'"': Put('"'); break;
                    case (byte)'\\': Put('\\'); break;
                    default:
                        Put('x');
                        Put("0123456789ABCDEF"[c >> 4]);
                        Put("0123456789ABCDEF"[c & 0xF]);
                        break;
                }
                spaces = false;
            }
            else if (c == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && i != 0 && i != s.Length - 1)
                {
                    WriteIndent();
                    // a space kept at the start of the next line is escaped, or folding would eat it
                    if (i + 1 < s.Length && s[i + 1] == ' ') Put('\\');
                }
                else Put(' ');
                spaces = true;
            }
            else
            {
                Put((char)c);
                spaces = false;
            }
        }
        WriteIndicator("\"", false, false, false);
        _whitespace = false;
        _indention = false;
    }
}
