using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// The DTS lexer. It follows dtc's flex scanner rule for rule: the same start states (the lexer
/// switches to property/node-name mode after '{' and ';'), longest match with the earlier rule winning
/// ties, lexical-level <c>/include/</c>, and cpp line markers that move the reported position.
/// </summary>
internal sealed class DtsLexer
{
    private enum State { Initial, V1, ByteString, PropNodeName }

    private sealed class Frame
    {
        public required byte[] Data;
        public required int NameIndex;
        public string? Directory;
        public int Pos;
        public int Line = 1;
        public int Column = 1;
    }

    private const int MaxIncludeDepth = 200;
    private readonly Stack<Frame> _frames = new();
    private readonly SourceResolver _resolver;
    private readonly DiagnosticBag _diagnostics;
    private readonly NameTable _names = NameTable.Rent();
    private Frame _current;
    private State _state = State.Initial;
    // File names as spans refer to them (by index: a span then holds no reference)
    private readonly List<string> _files = new();
    private readonly Dictionary<string, int> _fileIndexes = new();
    // The last match's span (positions are made from it only where needed).
    private int _lastFile;
    // before the first match dtc's location is all zeros in the first file (an empty input's error is at "file:0.0")
    private int _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn;

    public DtsLexer(SourceResolver resolver, DiagnosticBag diagnostics, string fileName)
    {
        _resolver = resolver;
        _diagnostics = diagnostics;
        var (full, data) = resolver.Open(fileName, null);
        _current = new Frame { Data = data, NameIndex = FileIndex(full), Directory = SourceResolver.DirectoryOf(full) };
        _frames.Push(_current);
        _lastFile = _current.NameIndex;
    }

    private SourceSpan? _emptyPathReference;

    /// <summary>Reports the first "&amp;{}" read, if any (called once the parse has no other error).</summary>
    public void ReportEmptyPathReference()
    {
        if (_emptyPathReference is { } span) LexicalError(span, "Empty path reference &{}");
    }

    /// <summary>Gives the name table back for the thread's next parse (the lexer reads no name after this).</summary>
    public void ReturnNames() => NameTable.Return(_names);

    /// <summary>Set when a lexical error was reported (dtc's treesource_error).</summary>
    public bool HadError { get; private set; }

    /// <summary>Folder of the file being read now, for /incbin/ lookups.</summary>
    public string? CurrentDirectory => _current.Directory;

    /// <summary>
    /// The name dtc's short annotations (<c>-T</c>) are relative to: the file of the first cpp line marker read,
    /// else the main file (srcpos.c's initial path).
    /// </summary>
    public string AnnotationBase => _firstMarkerFile ?? _files[0];

    private string? _firstMarkerFile;

    public SourceSpan LastSpan
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => new(_lastFile, _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn);
    }

    public SourcePosition LastPosition => ToPosition(LastSpan);

    /// <summary>The span as a position object (what nodes, properties and messages keep).</summary>
    public SourcePosition ToPosition(in SourceSpan span) => ToPosition(span, span);

    /// <summary>One position from <paramref name="first"/>'s start to <paramref name="last"/>'s end, in
    /// <paramref name="last"/>'s file: dtc's YYLLOC_DEFAULT takes a rule's file from its last symbol.</summary>
    public SourcePosition ToPosition(in SourceSpan first, in SourceSpan last)
        => new(FileName(last), first.FirstLine, first.FirstColumn, last.LastLine, last.LastColumn);

    /// <summary>The name of the file a span is in (a position spanning two takes its last one's).</summary>
    public string FileName(in SourceSpan span) => _files[span.File];

    private int FileIndex(string name)
    {
        if (_fileIndexes.TryGetValue(name, out var index)) return index;
        _files.Add(name);
        _fileIndexes.Add(name, _files.Count - 1);
        return _files.Count - 1;
    }

    private Token _token;
    private SourceSpan _previousSpan;

    /// <summary>The token read last (the parser's lookahead), read in place.</summary>
    public ref readonly Token Current => ref _token;

    /// <summary>Where the token before <see cref="Current"/> was.</summary>
    public SourceSpan PreviousSpan => _previousSpan;

    /// <summary>Reads the next token into <see cref="Current"/>.</summary>
    public void MoveNext()
    {
        _previousSpan = _token.Span;
        _tokenMessages = -1;
        Next();
    }

    private int _tokenMessages = -1;

    /// <summary>Where in the diagnostics the lexical errors of reading <see cref="Current"/> start; -1 when there
    /// are none.</summary>
    public int CurrentTokenMessages => _tokenMessages;

    /// <summary>The next token. The common ones (blanks, numbers in cells, names, labels before names and
    /// single punctuation) are matched here directly; the rule-by-rule matcher takes everything else.</summary>
    private void Next()
    {
        var f = _current;
        var d = f.Data;
        var p = f.Pos;
        if (p < d.Length && IsSpace(d[p]))
        {
            // blanks, a third of all matches: lines counted while the run is found (finding it and then calling
            // Advance is two passes, 7 % of a parse's instructions)
            var line = f.Line;
            var column = f.Column;
            SkipBlanks(d, ref p, ref line, ref column);
            (_lastFile, _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn) = (f.NameIndex, f.Line, f.Column, line, column);
            f.Line = line;
            f.Column = column;
            f.Pos = p;
        }
        if (p >= d.Length)
        {
            NextByRules();
            return;
        }
        // one construction at the end: each token built in a branch of its own would be a stack slot to clear
        TokenKind kind;
        var ch = '\0';
        ulong value = 0;
        object? payload = null;
        var c = d[p];
        if (_state == State.V1 && IsDigit(c))
        {
            // no other rule starts with a digit in cells
            kind = TokenKind.Literal;
            if (PlainLiteral(d, p, out var length, out value)) Take(f, length);
            else
            {
                length = MatchLiteral(d, p);
                Take(f, length);
                value = LiteralValue(d.AsSpan(p, length));
            }
        }
        else if (_state == State.PropNodeName && IsPropNodeChar(c) && c != '#')
        {
            // a property or node name, or a label before one. Only the label rule ([a-zA-Z_][a-zA-Z0-9_]*:) can
            // match longer than the name, when the whole name is label characters followed by ':' (asked only when a
            // ':' follows; '#' may start a line marker: left to the rule-by-rule matcher)
            var i = p + 1;
            while (i < d.Length && IsPropNodeChar(d[i])) i++;
            payload = _names.Get(d.AsSpan(p, i - p));
            if (i < d.Length && d[i] == ':' && IsLabel(d.AsSpan(p, i - p)))
            {
                Take(f, i + 1 - p);
                kind = TokenKind.Label;
            }
            else
            {
                Take(f, i - p);
                _state = State.V1;
                kind = TokenKind.PropNodeName;
            }
        }
        else if (c is (byte)';' or (byte)'{' or (byte)'}' or (byte)'(' or (byte)')')
        {
            // punctuation no other rule starts with
            Take(f, 1);
            if (c is (byte)'{' or (byte)';') _state = State.PropNodeName;
            kind = TokenKind.Char;
            ch = (char)c;
        }
        else if (c is (byte)'<' or (byte)'>' or (byte)'=' or (byte)',' && _state != State.PropNodeName
                 && (p + 1 >= d.Length || OperatorKind(c, d[p + 1]) is null))
        {
            // '<', '>', '=' and ',' alone (',' is a name character only where names are read)
            Take(f, 1);
            kind = TokenKind.Char;
            ch = (char)c;
        }
        else if (IsPlainString(d, p, out var close))
        {
            // a string with no escape and no newline (nearly all): its bytes are the source's
            Take(f, close + 2);
            kind = TokenKind.String;
            payload = d;
            value = ((ulong)(uint)(p + 1) << 32) | (uint)close;
        }
        else if (IsLabelReference(d, p, out var referenceLength))
        {
            payload = _names.Get(d.AsSpan(p + 1, referenceLength - 1));
            Take(f, referenceLength);
            kind = TokenKind.LabelRef;
        }
        else
        {
            NextByRules();
            return;
        }
        SetToken(kind, ch, value, payload);
    }

    /// <summary>
    /// Consumes <see cref="Current"/> inside a cell list, then every plain literal after it that fits in
    /// <paramref name="bits"/> bits, appended to <paramref name="cells"/> without making a token for it (they are
    /// most of a board's tokens), then reads the next token. Anything else (a literal with a suffix, too long or out of
    /// range, a comment, a reference, a file's end) stops the run and is read as <see cref="MoveNext"/> reads it.
    /// </summary>
    public void MoveNextInCells(ValueBuilder cells, int bits)
    {
        if (_state == State.V1) TakeCellRun(cells, bits);
        MoveNext();
    }

    private void TakeCellRun(ValueBuilder cells, int bits)
    {
        var f = _current;
        var d = f.Data;
        var p = f.Pos;
        var line = f.Line;
        var column = f.Column;
        var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var taken = false;
        ulong lastValue = 0;
        var lastColumn = 0;
        while (true)
        {
            var q = p;
            var l = line;
            var c = column;
            SkipBlanks(d, ref q, ref l, ref c);
            if (q >= d.Length || !IsDigit(d[q]) || !PlainLiteral(d, q, out var length, out var value) || value > max) break;
            cells.AppendInteger(value, bits);
            (taken, lastValue, lastColumn) = (true, value, c);
            p = q + length;
            line = l;
            column = c + length;
        }
        if (!taken) return;
        // the run's literals hold no newline: the last one's line is the line the run ends on
        EndRunWithToken(f, p, line, lastColumn, column, TokenKind.Literal, '\0', lastValue);
    }

    /// <summary>
    /// With the lookahead a property's name: takes its value and ';' when the value is plain, one chunk or several
    /// separated by ',': a cell list of plain literals that fit 32 bits and <c>&amp;label</c> references, a string
    /// without escape or newline, or <c>&amp;label</c> (a path reference); blanks between. That is nearly every
    /// property of a board, as dtc writes it or as cpp leaves a kernel source. The value is appended to
    /// <paramref name="value"/> as reading it token by token would, and the token after the ';' is read. Returns false
    /// having consumed nothing for anything else (labels, expressions, comments, line markers, suffixes, values out of
    /// range, escapes, /bits/, bytestrings, the end of input), which the parser then reads token by token (a value
    /// appended to so far is thrown away there).
    /// </summary>
    public bool TryTakePlainValue(ValueBuilder value, out SourceSpan semicolon)
    {
        semicolon = default;
        if (_state != State.V1) return false;
        var f = _current;
        var d = f.Data;
        var p = f.Pos;
        var line = f.Line;
        var column = f.Column;
        SkipBlanks(d, ref p, ref line, ref column);
        // what is taken is '=', '<' or '"', '>', ',' and ';' with only blanks, literals and references between, so
        // that no operator ("==", "<<", ">=", "&&", ...) can be: its second character stands where the shape wants
        // something else
        if (p >= d.Length || d[p] != '=') return false;
        p++;
        column++;
        while (true)
        {
            SkipBlanks(d, ref p, ref line, ref column);
            if (p >= d.Length) return false;
            if (d[p] == '<')
            {
                value.AddMarker(MarkerType.TypeUint32, null);
                p++;
                column++;
                while (true)
                {
                    SkipBlanks(d, ref p, ref line, ref column);
                    if (p >= d.Length) return false;
                    if (IsDigit(d[p]))
                    {
                        if (!PlainLiteral(d, p, out var length, out var cell) || cell > uint.MaxValue) return false;
                        value.AppendInteger(cell, 32);
                        p += length;
                        column += length;
                    }
                    else if (IsLabelReference(d, p, out var length))
                    {
                        value.AddMarker(MarkerType.RefPhandle, _names.Get(d.AsSpan(p + 1, length - 1)));
                        value.AppendInteger(uint.MaxValue, 32);
                        p += length;
                        column += length;
                    }
                    else break;
                }
                if (d[p] != '>') return false;
                p++;
                column++;
            }
            else if (IsPlainString(d, p, out var close))
            {
                value.AddMarker(MarkerType.TypeString, null);
                value.Append(d.AsSpan(p + 1, close));
                value.AppendByte(0);
                p += close + 2;
                column += close + 2;
            }
            else if (IsLabelReference(d, p, out var length))
            {
                var reference = _names.Get(d.AsSpan(p + 1, length - 1));
                value.AddMarker(MarkerType.TypeString, reference);
                value.AddMarker(MarkerType.RefPath, reference);
                p += length;
                column += length;
            }
            else return false;
            SkipBlanks(d, ref p, ref line, ref column);
            if (p >= d.Length) return false;
            if (d[p] == ';') break;
            if (d[p] != ',') return false;
            p++;
            column++;
        }
        semicolon = new SourceSpan(f.NameIndex, line, column, line, column + 1);
        EndRunWithToken(f, p + 1, line, column, column + 1, TokenKind.Char, ';', 0);
        _state = State.PropNodeName;
        MoveNext();
        return true;
    }

    /// <summary>
    /// Ends what was read without tokens as if its last token (on one line, from <paramref name="firstColumn"/> to
    /// <paramref name="endColumn"/>, ending at <paramref name="end"/>) had been read as one: the frame moves past it,
    /// and it becomes the last match (which the end of input takes as its own, as dtc's does) and the current token
    /// (the previous one once the next is read).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void EndRunWithToken(Frame f, int end, int line, int firstColumn, int endColumn, TokenKind kind, char ch, ulong value)
    {
        f.Pos = end;
        f.Line = line;
        f.Column = endColumn;
        (_lastFile, _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn) = (f.NameIndex, line, firstColumn, line, endColumn);
        _token.Set(kind, ch, value, null, f.NameIndex, line, firstColumn, line, endColumn);
    }

    /// <summary>True at a string with no escape and no newline (nearly all), with the length of what it holds: its
    /// bytes are the source's.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsPlainString(byte[] d, int p, out int length)
    {
        length = d[p] == '"' ? d.AsSpan(p + 1).IndexOfAny((byte)'"', (byte)'\\', (byte)'\n') : -1;
        return length >= 0 && d[p + 1 + length] == '"';
    }

    /// <summary>True at <c>&amp;label</c>, with its length ('&amp;' included): the whole token, since no rule matches
    /// longer there.</summary>
    private static bool IsLabelReference(byte[] d, int p, out int length)
    {
        length = 0;
        if (d[p] != '&' || p + 1 >= d.Length || !IsLabelStart(d[p + 1])) return false;
        var i = p + 2;
        while (i < d.Length && IsLabelChar(d[i])) i++;
        length = i - p;
        return true;
    }

    /// <summary>Moves <paramref name="p"/> past the blanks there, counting lines and columns as it goes.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static void SkipBlanks(byte[] d, ref int p, ref int line, ref int column)
    {
        while (p < d.Length && IsSpace(d[p]))
        {
            if (d[p] == '\n')
            {
                line++;
                column = 1;
            }
            else column++;
            p++;
        }
    }

    /// <summary>True when the name is a label's ([a-zA-Z_][a-zA-Z0-9_]*): asked only before a ':'.</summary>
    private static bool IsLabel(ReadOnlySpan<byte> name)
    {
        if (!IsLabelStart(name[0])) return false;
        foreach (var b in name)
            if (!IsLabelChar(b)) return false;
        return true;
    }

    /// <summary>Moves past a match that holds no newline and makes it the last span.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private void Take(Frame f, int length)
    {
        var first = f.Column;
        f.Column += length;
        f.Pos += length;
        (_lastFile, _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn) = (f.NameIndex, f.Line, first, f.Line, f.Column);
    }

    /// <summary>Makes the current token from its parts and the last match's span.</summary>
    private void SetToken(TokenKind kind, char ch, ulong value, object? payload)
        => _token.Set(kind, ch, value, payload, _lastFile, _lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn);

    private void NextByRules()
    {
        while (true)
        {
            var f = _current;
            if (f.Pos >= f.Data.Length)
            {
                if (_frames.Count == 1)
                {
                    SetToken(TokenKind.EndOfFile, '\0', 0, null);
                    return;
                }
                _frames.Pop();
                _current = _frames.Peek();
                continue;
            }
            var rule = Match(f, out var length, out var keyword);
            var text = f.Data.AsSpan(f.Pos, length);
            Advance(f, length, rule is Rule.Whitespace or Rule.Comment or Rule.LineComment or Rule.String
                or Rule.CharLiteral or Rule.Include or Rule.LineDirective);
            if (rule is Rule.Whitespace or Rule.Comment or Rule.LineComment) continue;
            if (Act(f, rule, keyword, text, out var kind, out var ch, out var value, out var payload))
            {
                SetToken(kind, ch, value, payload);
                return;
            }
        }
    }

    // dtc's character classes, one byte of flags per character: the lexer asks several per input byte
    private const byte Space = 1, Digit = 2, Hex = 4, LabelStart = 8, LabelChar = 16, PropNodeChar = 32, PathChar = 64;

    private static ReadOnlySpan<byte> Classes =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 0, 0, 96, 0, 0, 0, 0, 0, 0, 96, 96, 96, 96, 96, 64, 118, 118, 118, 118, 118, 118, 118, 118, 118, 118, 0, 0, 0, 0, 0, 96,
        96, 124, 124, 124, 124, 124, 124, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 0, 0, 0, 0, 120,
        0, 124, 124, 124, 124, 124, 124, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 120, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool Is(byte c, byte classes) => (Classes[c] & classes) != 0;

    private static bool IsSpace(byte c) => Is(c, Space);
    private static bool IsDigit(byte c) => Is(c, Digit);
    private static bool IsHex(byte c) => Is(c, Hex);
    private static bool IsLabelStart(byte c) => Is(c, LabelStart);
    private static bool IsLabelChar(byte c) => Is(c, LabelChar);

    /// <summary>[a-zA-Z0-9,._+*#?@-]: dtc's property and node name characters.</summary>
    internal static bool IsPropNodeChar(byte c) => Is(c, PropNodeChar);

    private static bool IsPathChar(byte c) => Is(c, PathChar);

    private static bool StartsWith(byte[] d, int p, string s)
    {
        if (p + s.Length > d.Length) return false;
        for (var i = 0; i < s.Length; i++) if (d[p + i] != s[i]) return false;
        return true;
    }

    private static int MatchString(byte[] d, int p)
    {
        // \"([^\\"]|\\.)*\"  ('.' excludes newline)
        if (p >= d.Length || d[p] != '"') return 0;
        var i = p + 1;
        while (i < d.Length)
        {
            var c = d[i];
            if (c == '"') return i + 1 - p;
            if (c == '\\')
            {
                if (i + 1 >= d.Length || d[i + 1] == '\n') return 0;
                i += 2;
                continue;
            }
            i++;
        }
        return 0;
    }

    private static int MatchCharLiteral(byte[] d, int p)
    {
        // '([^']|\\')*' : the longest match ends at the first quote not preceded by a backslash,
        // or at the last escaped quote if no such quote follows.
        if (d[p] != '\'') return 0;
        var best = 0;
        for (var i = p + 1; i < d.Length; i++)
        {
            if (d[i] != '\'') continue;
            if (d[i - 1] == '\\' && i - 1 > p)
            {
                best = i + 1 - p;
                continue;
            }
            return i + 1 - p;
        }
        return best;
    }

    private static int MatchComments(byte[] d, int p)
    {
        // {COMMENT}+ : C comments back to back
        var i = p;
        while (StartsWith(d, i, "/*"))
        {
            var end = -1;
            for (var j = i + 2; j + 1 < d.Length; j++)
                if (d[j] == '*' && d[j + 1] == '/') { end = j + 2; break; }
            if (end < 0) break;
            i = end;
        }
        return i - p;
    }

    private static int MatchLineComments(byte[] d, int p)
    {
        // {LINECOMMENT}+ : "//".*\n back to back
        var i = p;
        while (StartsWith(d, i, "//"))
        {
            var nl = Array.IndexOf(d, (byte)'\n', i + 2);
            if (nl < 0) break;
            i = nl + 1;
        }
        return i - p;
    }

    private static int MatchLineDirective(byte[] d, int p)
    {
        // ^"#"(line)?[ \t]+[0-9]+[ \t]+{STRING}([ \t]+[0-9]+)*
        var i = p + 1;
        if (StartsWith(d, i, "line")) i += 4;
        var ws = i;
        while (i < d.Length && (d[i] == ' ' || d[i] == '\t')) i++;
        if (i == ws) return 0;
        var digits = i;
        while (i < d.Length && IsDigit(d[i])) i++;
        if (i == digits) return 0;
        ws = i;
        while (i < d.Length && (d[i] == ' ' || d[i] == '\t')) i++;
        if (i == ws) return 0;
        var s = MatchString(d, i);
        if (s == 0) return 0;
        i += s;
        while (true)
        {
            var j = i;
            while (j < d.Length && (d[j] == ' ' || d[j] == '\t')) j++;
            if (j == i) break;
            var k = j;
            while (k < d.Length && IsDigit(d[k])) k++;
            if (k == j) break;
            i = k;
        }
        return i - p;
    }

    private static int MatchLiteral(byte[] d, int p)
    {
        // ([0-9]+|0[xX][0-9a-fA-F]+)(U|L|UL|LL|ULL)?
        var i = p;
        while (i < d.Length && IsDigit(d[i])) i++;
        var len = i - p;
        if (d[p] == '0' && p + 1 < d.Length && (d[p + 1] == 'x' || d[p + 1] == 'X'))
        {
            var j = p + 2;
            while (j < d.Length && IsHex(d[j])) j++;
            if (j > p + 2) len = Math.Max(len, j - p);
        }
        if (len == 0) return 0;
        var e = p + len;
        if (e >= d.Length || (d[e] != 'U' && d[e] != 'L')) return len;
        if (StartsWith(d, e, "ULL")) return len + 3;
        if (StartsWith(d, e, "UL") || StartsWith(d, e, "LL")) return len + 2;
        if (StartsWith(d, e, "U") || StartsWith(d, e, "L")) return len + 1;
        return len;
    }

    /// <summary>
    /// The common literal in one pass: 0x and 1-16 hex digits, or 1-19 decimal digits, or 0 and octal digits,
    /// with no U/L suffix. False for anything else (the two-step match and strtoull reading handle it).
    /// </summary>
    private static bool PlainLiteral(byte[] d, int p, out int length, out ulong value)
    {
        // one bound per loop and the value in a local: this runs for nearly every cell of a board
        ulong v = 0;
        int i;
        if (d[p] == '0' && p + 1 < d.Length && (d[p + 1] | 0x20) == 'x')
        {
            var digits = HexDigits;
            var first = p + 2;
            var end = Math.Min(d.Length, first + 16);
            i = first;
            while (i < end)
            {
                var x = digits[d[i]];
                if (x > 15) break;
                v = v << 4 | x;
                i++;
            }
            if (i == first)
            {
                (length, value) = (0, 0);
                return false;
            }
        }
        else if (d[p] == '0')
        {
            var end = Math.Min(d.Length, p + 21);
            i = p + 1;
            while (i < end && d[i] is >= (byte)'0' and <= (byte)'7') v = v << 3 | (uint)(d[i++] - '0');
        }
        else
        {
            var end = Math.Min(d.Length, p + 19);
            i = p;
            while (i < end && d[i] is >= (byte)'0' and <= (byte)'9') v = v * 10 + (uint)(d[i++] - '0');
        }
        // a digit, hex digit or suffix more (a longer or odd literal): the general reading decides
        if (i < d.Length && (IsHex(d[i]) || d[i] is (byte)'U' or (byte)'L'))
        {
            (length, value) = (0, 0);
            return false;
        }
        (length, value) = (i - p, v);
        return true;
    }

    private static readonly (string Text, TokenKind Kind, bool AnyState)[] Keywords =
    {
        ("/dts-v1/", TokenKind.V1, true),
        ("/plugin/", TokenKind.Plugin, true),
        ("/memreserve/", TokenKind.MemReserve, true),
        ("/bits/", TokenKind.Bits, true),
        ("/delete-property/", TokenKind.DeleteProperty, true),
        ("/delete-node/", TokenKind.DeleteNode, true),
        ("/omit-if-no-ref/", TokenKind.OmitIfNoRef, true),
        ("/incbin/", TokenKind.Incbin, false),
    };

    private enum Rule
    {
        Include, LineDirective, String, Keyword, LabelColon, V1Identifier, Literal, CharLiteral,
        LabelRef, PathRef, Byte, ByteStringEnd, PropNodeName, Whitespace, Comment, LineComment, Operator, AnyChar,
    }

    /// <summary>The rule that matches at the frame's position (flex's longest match, earlier rule on ties).</summary>
    private Rule Match(Frame f, out int length, out TokenKind keyword)
    {
        var d = f.Data;
        var p = f.Pos;
        var c = d[p];
        keyword = TokenKind.Char;
        if (IsSpace(c))
        {
            // blanks: no other rule starts with one
            var end = p + 1;
            while (end < d.Length && IsSpace(d[end])) end++;
            length = end - p;
            return Rule.Whitespace;
        }
        var bestRule = Rule.AnyChar;
        var bestLen = 1;
        var keywordKind = TokenKind.Char;
        var inclusive = _state is State.Initial or State.V1;

        void Consider(Rule rule, int len)
        {
            if (len > bestLen || (len == bestLen && rule < bestRule))
            {
                bestLen = len;
                bestRule = rule;
            }
        }

        if (c == '/')
        {
            if (StartsWith(d, p, "/include/"))
            {
                var i = p + 9;
                while (i < d.Length && IsSpace(d[i])) i++;
                var s = MatchString(d, i);
                if (s > 0) Consider(Rule.Include, i + s - p);
            }
            foreach (var (kwText, kind, any) in Keywords)
            {
                if ((any || inclusive) && StartsWith(d, p, kwText) && kwText.Length > bestLen)
                {
                    bestLen = kwText.Length;
                    bestRule = Rule.Keyword;
                    keywordKind = kind;
                }
            }
            Consider(Rule.Comment, MatchComments(d, p));
            Consider(Rule.LineComment, MatchLineComments(d, p));
        }
        else if (c == '"')
        {
            Consider(Rule.String, MatchString(d, p));
        }
        else if (c == '\'')
        {
            Consider(Rule.CharLiteral, MatchCharLiteral(d, p));
        }
        else if (c == '&')
        {
            if (p + 1 < d.Length && IsLabelStart(d[p + 1]))
            {
                var i = p + 1;
                while (i < d.Length && IsLabelChar(d[i])) i++;
                Consider(Rule.LabelRef, i - p);
            }
            else if (p + 1 < d.Length && d[p + 1] == '{')
            {
                var i = p + 2;
                while (i < d.Length && IsPathChar(d[i])) i++;
                if (i < d.Length && d[i] == '}') Consider(Rule.PathRef, i + 1 - p);
            }
            else if (p + 1 < d.Length && d[p + 1] == '&') Consider(Rule.Operator, 2);
        }
        else if (c is (byte)'<' or (byte)'>' or (byte)'=' or (byte)'!' or (byte)'|')
        {
            if (p + 1 < d.Length && OperatorKind(c, d[p + 1]) is not null) Consider(Rule.Operator, 2);
        }

        if (c == '#' && IsBeginningOfLine(f, p)) Consider(Rule.LineDirective, MatchLineDirective(d, p));

        if (IsLabelStart(c))
        {
            var i = LabelRunEnd(d, p);
            if (i < d.Length && d[i] == ':') Consider(Rule.LabelColon, i + 1 - p);
            if (_state == State.V1) Consider(Rule.V1Identifier, i - p);
        }
        if (_state == State.V1 && IsDigit(c)) Consider(Rule.Literal, MatchLiteral(d, p));
        if (_state == State.ByteString)
        {
            if (IsHex(c) && p + 1 < d.Length && IsHex(d[p + 1])) Consider(Rule.Byte, 2);
            if (c == ']') Consider(Rule.ByteStringEnd, 1);
        }
        if (_state == State.PropNodeName && (IsPropNodeChar(c) || c == '\\'))
        {
            var i = c == '\\' ? p + 1 : p;
            var start = i;
            while (i < d.Length && IsPropNodeChar(d[i])) i++;
            if (i > start) Consider(Rule.PropNodeName, i - p);
        }

        length = bestLen;
        keyword = keywordKind;
        return bestRule;
    }

    // the last run of label characters looked at: in a bytestring each two-digit byte of an unspaced run like
    // [abababab...] asks where the run ends (a label needs its ':'), and scanning it again for each byte made such a
    // value quadratic (80 KB: 1.9 s; dtc's scanner takes 15 s)
    private byte[]? _runData;
    private int _runStart, _runEnd;

    /// <summary>Where the run of label characters ([a-zA-Z0-9_]) at <paramref name="p"/> ends.</summary>
    private int LabelRunEnd(byte[] d, int p)
    {
        // inside the last run, the run from p ends where that run ends
        if (ReferenceEquals(d, _runData) && p >= _runStart && p < _runEnd) return _runEnd;
        var i = p;
        while (i < d.Length && IsLabelChar(d[i])) i++;
        (_runData, _runStart, _runEnd) = (d, p, i);
        return i;
    }

    private static bool IsBeginningOfLine(Frame f, int p) => p == 0 || f.Data[p - 1] == '\n';

    /// <summary>Moves past a match; only the rules that can match a newline look for one.</summary>
    private void Advance(Frame f, int length, bool mayHoldNewline)
    {
        if (!mayHoldNewline)
        {
            Take(f, length);
            return;
        }
        var firstLine = f.Line;
        var firstColumn = f.Column;
        if (length <= 16)
        {
            // most matches are a few bytes: a plain loop beats two vector searches
            var text = f.Data.AsSpan(f.Pos, length);
            var line = f.Line;
            var column = f.Column;
            foreach (var b in text)
            {
                if (b == '\n')
                {
                    line++;
                    column = 1;
                }
                else column++;
            }
            f.Line = line;
            f.Column = column;
        }
        else
        {
            var text = f.Data.AsSpan(f.Pos, length);
            var lastNewline = text.LastIndexOf((byte)'\n');
            if (lastNewline < 0) f.Column += length;
            else
            {
                f.Line += text.Count((byte)'\n');
                f.Column = length - lastNewline; // 1 + the characters after the last newline
            }
        }
        f.Pos += length;
        _lastFile = f.NameIndex;
        (_lastFirstLine, _lastFirstColumn, _lastLine, _lastColumn) = (firstLine, firstColumn, f.Line, f.Column);
    }

    private static string Latin1(ReadOnlySpan<byte> s) => Encoding.Latin1.GetString(s);

    private void LexicalError(SourceSpan pos, string message)
    {
        HadError = true;
        if (_tokenMessages < 0) _tokenMessages = _diagnostics.Count;
        _diagnostics.Error(ToPosition(pos).ToString(), message, "Lexical error");
    }

    /// <summary>The matched rule's action: the token's parts, or false when it makes no token.</summary>
    private bool Act(Frame f, Rule rule, TokenKind keyword, ReadOnlySpan<byte> text,
        out TokenKind kind, out char ch, out ulong value, out object? payload)
    {
        kind = TokenKind.Char;
        ch = '\0';
        value = 0;
        payload = null;
        switch (rule)
        {
            case Rule.Include:
            {
                var first = text.IndexOf((byte)'"');
                var quoted = text[(first + 1)..^1];
                var nul = quoted.IndexOf((byte)0); // dtc takes the name as a C string
                var name = FileNameText.FromSourceBytes(nul < 0 ? quoted : quoted[..nul]);
                if (_frames.Count >= MaxIncludeDepth) throw new DtFatalException("Includes nested too deeply");
                var (full, data) = _resolver.Open(name, f.Directory);
                _current = new Frame { Data = data, NameIndex = FileIndex(full), Directory = SourceResolver.DirectoryOf(full) };
                _frames.Push(_current);
                return false;
            }
            case Rule.LineDirective:
            {
                var lineStart = 0;
                while (!IsDigit(text[lineStart])) lineStart++;
                var lineEnd = lineStart;
                while (lineEnd < text.Length && IsDigit(text[lineEnd])) lineEnd++;
                var fnStart = text.IndexOf((byte)'"');
                var fnEnd = text.LastIndexOf((byte)'"');
                var fn = Escapes.DecodeString(text[(fnStart + 1)..fnEnd]);
                if (fn.Bytes[..^1].IndexOf((byte)0) >= 0) LexicalError(LastSpan, "nul in line number directive");
                var number = ParseAtoi(text[lineStart..lineEnd]);
                f.NameIndex = FileIndex(FileNameText.FromSourceText(fn.AsCString()));
                // dtc renames the open file itself, and its location (still the directive's) points at the file:
                // an error at the end of input right after the directive names the new file
                _lastFile = f.NameIndex;
                _firstMarkerFile ??= _files[f.NameIndex];
                f.Line = number - 1;
                return false;
            }
            case Rule.String:
            {
                kind = TokenKind.String;
                var inner = text[1..^1];
                if (Escapes.DecodeIfEscaped(inner) is { } decoded)
                {
                    payload = decoded;
                    value = (uint)decoded.Length;
                }
                else
                {
                    payload = f.Data;
                    value = ((ulong)(uint)(f.Pos - text.Length + 1) << 32) | (uint)inner.Length;
                }
                return true;
            }
            case Rule.Keyword:
                _state = keyword switch
                {
                    TokenKind.V1 or TokenKind.MemReserve or TokenKind.Bits => State.V1,
                    TokenKind.DeleteProperty or TokenKind.DeleteNode or TokenKind.OmitIfNoRef => State.PropNodeName,
                    _ => _state,
                };
                kind = keyword;
                return true;
            case Rule.LabelColon:
                kind = TokenKind.Label;
                payload = _names.Get(text[..^1]);
                return true;
            case Rule.V1Identifier:
                LexicalError(LastSpan, $"Unexpected '{Latin1(text)}'");
                kind = TokenKind.Literal;
                return true;
            case Rule.Literal:
                kind = TokenKind.Literal;
                value = LiteralValue(text);
                return true;
            case Rule.CharLiteral:
            {
                // the closing quote stays in reach: dtc reads the literal '\' as an escaped quote
                var d = Escapes.DecodeString(text[1..], text.Length - 2);
                if (d.Length == 1) LexicalError(LastSpan, "Empty character literal");
                else
                {
                    value = d[0];
                    if (d.Length > 2) LexicalError(LastSpan, $"Character literal has {d.Length - 1} characters instead of 1");
                }
                kind = TokenKind.CharLiteral;
                return true;
            }
            case Rule.LabelRef:
                kind = TokenKind.LabelRef;
                payload = _names.Get(text[1..]);
                return true;
            case Rule.PathRef:
                // dtc asserts on "&{}" when it resolves it (a label lookup of the empty name), after the parse:
                // refused then (ReportEmptyPathReference), so that the parse's own errors come as dtc gives them
                if (text.Length == 3) _emptyPathReference ??= LastSpan;
                kind = TokenKind.PathRef;
                payload = Latin1(text[2..^1]);
                return true;
            case Rule.Byte:
                kind = TokenKind.Byte;
                value = (ulong)(HexValue(text[0]) * 16 + HexValue(text[1]));
                return true;
            case Rule.ByteStringEnd:
                _state = State.V1;
                ch = ']';
                return true;
            case Rule.PropNodeName:
                _state = State.V1;
                kind = TokenKind.PropNodeName;
                payload = _names.Get(text[0] == '\\' ? text[1..] : text);
                return true;
            case Rule.Operator:
                kind = OperatorKind(text[0], text[1])!.Value;
                return true;
            default:
                ch = (char)text[0];
                // dtc's catch-all rule returns the byte as the token: a NUL is token 0, which bison takes for the end
                // of the input (of the whole parse, even inside an /include/d file)
                if (ch == '\0') kind = TokenKind.EndOfFile;
                if (ch == '[') _state = State.ByteString;
                if (ch is '{' or ';') _state = State.PropNodeName;
                return true;
        }
    }

    /// <summary>The two-character operators (dtc's lexer rules); null for any other pair.</summary>
    /// <remarks>Asked at every lone '&lt;', '&gt;' and '=' of a source: most pairs are answered by the first two
    /// comparisons (each operator is a character doubled or followed by '='), inline.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static TokenKind? OperatorKind(byte first, byte second)
    {
        if (second == first)
        {
            return first switch
            {
                (byte)'<' => TokenKind.LeftShift,
                (byte)'>' => TokenKind.RightShift,
                (byte)'=' => TokenKind.Equal,
                (byte)'&' => TokenKind.LogicalAnd,
                (byte)'|' => TokenKind.LogicalOr,
                _ => null,
            };
        }
        if (second != '=') return null;
        return first switch
        {
            (byte)'<' => TokenKind.LessEqual,
            (byte)'>' => TokenKind.GreaterEqual,
            (byte)'!' => TokenKind.NotEqual,
            _ => null,
        };
    }

    private static int ParseAtoi(ReadOnlySpan<byte> digits)
    {
        long v = 0;
        foreach (var b in digits)
        {
            v = v * 10 + (b - '0');
            if (v > int.MaxValue) return int.MaxValue;
        }
        return (int)v;
    }

    private ulong LiteralValue(ReadOnlySpan<byte> text)
    {
        // strtoull(s, &e, 0): hex with 0x, octal with a leading 0, else decimal; the spelling becomes a
        // string only for a message
        var i = 0;
        int radix;
        if (text.Length > 2 && text[0] == '0' && (text[1] is (byte)'x' or (byte)'X') && IsHex(text[2])) { radix = 16; i = 2; }
        else if (text[0] == '0') radix = 8;
        else radix = 10;
        ulong value = 0;
        var overflow = false;
        while (i < text.Length)
        {
            var digit = HexValue(text[i]);
            if (digit >= radix) break;
            var next = value * (ulong)radix + (ulong)digit;
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix) overflow = true;
            value = next;
            i++;
        }
        foreach (var b in text[i..])
        {
            if (b is (byte)'U' or (byte)'L') continue;
            LexicalError(LastSpan, $"Bad integer literal '{Latin1(text)}'");
            break;
        }
        if (overflow)
        {
            LexicalError(LastSpan, $"Integer literal '{Latin1(text)}' out of range");
            value = ulong.MaxValue;
        }
        return value;
    }

    /// <summary>Each byte's value as a hex digit; 255 for any other byte.</summary>
    private static ReadOnlySpan<byte> HexDigits =>
    [
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 255, 255, 255, 255, 255,
        255, 10, 11, 12, 13, 14, 15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 10, 11, 12, 13, 14, 15, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
        255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    ];

    /// <summary>A hex digit's value; 255 for any other byte.</summary>
    private static int HexValue(byte b) => HexDigits[b];
}
