namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// Splits one source file into preprocessing tokens as GNU cpp does in assembler-with-cpp mode:
/// backslash-newline splices, <c>/* */</c> and <c>//</c> comments as white space, pp-numbers, string and
/// character literals (an unterminated quote is an ordinary character, as in assembler), punctuators.
/// Text is held as Latin-1 so every byte passes through unchanged.
/// </summary>
public sealed class PpLexer
{
    private static readonly string[] Punctuators =
    {
        "...", "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=", "/=", "%=",
        "+=", "-=", "&=", "^=", "|=", "##",
    };

    private readonly string _text;
    private readonly List<int> _lineStarts = new() { 0 };
    private int _pos;
    private readonly bool _hasSplices;
    private bool _atLineStart = true;
    private readonly Stack<PpToken> _pushedBack = new();

    private readonly StringPool _pool;

    public PpLexer(string text, PpSourceFile file, StringPool? pool = null)
    {
        _pool = pool ?? new StringPool();
        _text = text;
        File = file;
        _originalName = file.Name;
        for (var b = text.IndexOf('\\'); b >= 0 && !_hasSplices; b = text.IndexOf('\\', b + 1)) _hasSplices = SpliceEnd(b) >= 0;
        if (_hasSplices) _endSplice = FirstSpliceOfLastLine();
        _trigraphs = Trigraphs(text);
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    public PpSourceFile File { get; }

    private readonly string _originalName;

    /// <summary>C's rules rather than assembler-with-cpp's: <c>$</c> is a letter in names and numbers (cpp's
    /// dollars_in_ident; in assembler <c>A$B</c> is the name A, an other token and the name B), the <c>u</c>, <c>U</c>
    /// and <c>u8</c> literal prefixes are read (<c>L</c> is one in both), and a quote left open is warned of.</summary>
    public bool CLanguage { get; init; } = true;

    /// <summary>Names <c>#pragma GCC poison</c> made unusable (the run's one set); each one read is told to
    /// <see cref="OnPoisonedName"/>.</summary>
    public HashSet<string>? PoisonedNames { get; init; }

    public Action<PpToken>? OnPoisonedName { get; init; }

    /// <summary>Told of an error the run goes on after (an unterminated comment, which then ends the file); without
    /// it such an error is thrown.</summary>
    public Action<PpException>? OnError { get; init; }

    /// <summary>cpp's error for a comment the file ends in; the comment runs to the end. Returns the end.</summary>
    private int UnterminatedComment(int start)
    {
        var line = LineOf(start);
        var error = new PpException("unterminated comment", File, line + File.LineDelta, ColumnOf(start, line));
        if (OnError is null) throw error;
        OnError(error);
        return _text.Length;
    }

    /// <summary>Told of each <c>__VA_ARGS__</c> or <c>__VA_OPT__</c> read (once: a token pushed back is not read again).</summary>
    public Action<PpToken>? OnVariadicName { get; init; }

    private int _cachedLine = 1;

    /// <summary>Physical line (1-based) of a text index; the lexer moves forward, so the last answer is the start.</summary>
    private int LineOf(int index)
    {
        var line = _cachedLine;
        if (index < _lineStarts[line - 1])
        {
            var at = _lineStarts.BinarySearch(index);
            line = at >= 0 ? at + 1 : ~at;
        }
        while (line < _lineStarts.Count && _lineStarts[line] <= index) line++;
        _cachedLine = line;
        return line;
    }

    private int ColumnOf(int index, int line) => index - _lineStarts[line - 1] + 1;

    private char At(int i) => i < _text.Length ? _text[i] : '\0';

    /// <summary>Index of the next character that is not part of a backslash-newline splice.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private int Skip(int i) => !_hasSplices || i >= _text.Length || _text[i] != '\\' ? i : SkipSplices(i);

    private int SkipSplices(int i)
    {
        while (i < _text.Length && _text[i] == '\\')
        {
            var after = SpliceEnd(i);
            if (after < 0) break;
            // only a splice with blanks before its newline, or the file's last, has a warning to give (once)
            if ((after - i > 2 || i == _endSplice) && (_notedSplices ??= []).Add(i)) NoteSplice(i, after);
            i = after;
        }
        return i;
    }

    /// <summary>Where a splice at the backslash at <paramref name="i"/> ends (past its newline), or -1: as for cpp, blanks
    /// may stand between the backslash and the newline.</summary>
    private int SpliceEnd(int i)
    {
        var k = i + 1;
        while (k < _text.Length && _text[k] is ' ' or '\t' or '\f' or '\v' or '\r') k++;
        return k < _text.Length && _text[k] == '\n' ? k + 1 : -1;
    }

    // the trigraphs of the text (cpp reads them as their characters and warns of each), in order; null when none
    private readonly List<int>? _trigraphs;
    private int _trigraphsNoted;
    // trigraphs inside comments: cpp warns only of a ??/ that would splice there
    private HashSet<int>? _trigraphsInComments;

    private static List<int>? Trigraphs(string text)
    {
        List<int>? found = null;
        for (var q = text.IndexOf("??", StringComparison.Ordinal); q >= 0 && q + 2 < text.Length; q = text.IndexOf("??", q + 1, StringComparison.Ordinal))
            if ("=/'()!<>-".Contains(text[q + 2])) (found ??= []).Add(q);
        return found;
    }

    /// <summary>Marks the trigraphs of a comment from <paramref name="start"/> to <paramref name="end"/>.</summary>
    private void CommentRead(int start, int end)
    {
        if (_trigraphs is null) return;
        foreach (var q in _trigraphs)
            if (q >= start && q < end) (_trigraphsInComments ??= []).Add(q);
    }

    /// <summary>cpp's warning for each trigraph the lexer has passed (in a skipped group too), a line note at its first
    /// '?'; in a comment only for a ??/ that blanks and a newline follow.</summary>
    private void NoteTrigraphs()
    {
        while (_trigraphsNoted < _trigraphs!.Count && _trigraphs[_trigraphsNoted] < _pos)
        {
            var q = _trigraphs[_trigraphsNoted++];
            var c = _text[q + 2];
            if (_trigraphsInComments?.Contains(q) == true && !(c == '/' && _text.AsSpan(q + 3).TrimStart(" \t\f\v").StartsWith("\n")))
                continue;
            var line = LineOf(q);
            Warn(new PpException($"trigraph ??{c} ignored, use -trigraphs to enable [-Wtrigraphs]", File, line + File.LineDelta, ColumnOf(q, line))
                { Warning = true, Length = -1 });
        }
    }

    // where cpp says the file ends in a splice: the first splice of the last logical line, when that line ends in one
    private readonly int _endSplice = -1;

    private int FirstSpliceOfLastLine()
    {
        var lastNewline = _text.Length - 1;
        if (lastNewline < 0 || _text[lastNewline] != '\n') return -1;
        var backslash = _text.AsSpan(0, lastNewline).TrimEnd(" \t\f\v\r").Length - 1;
        if (backslash < 0 || _text[backslash] != '\\') return -1;
        // back over the physical lines the splices join to the logical line's start
        var start = backslash;
        while (true)
        {
            var newline = _text.LastIndexOf('\n', start);
            if (newline < 0) { start = 0; break; }
            var before = _text.AsSpan(0, newline).TrimEnd(" \t\f\v\r").Length - 1;
            if (before < 0 || _text[before] != '\\') { start = newline + 1; break; }
            start = before;
        }
        for (var b = _text.IndexOf('\\', start); b >= 0; b = _text.IndexOf('\\', b + 1))
            if (SpliceEnd(b) >= 0) return b;
        return -1;
    }

    // splices whose warnings were given (Skip passes a splice more than once when it looks ahead)
    private HashSet<int>? _notedSplices;
    private bool _inComment;

    /// <summary>cpp's warnings for a splice: blanks before its newline (not in a comment), and the file's end right
    /// after it; at the backslash, with no caret under it (cpp's line notes).</summary>
    private void NoteSplice(int backslash, int after)
    {
        var spaced = _text.AsSpan(backslash + 1, after - 1 - (backslash + 1)).TrimEnd('\r').Length > 0;
        var atEnd = backslash == _endSplice;
        if (!(spaced && !_inComment) && !atEnd) return;
        var line = LineOf(backslash);
        PpException Note(string message) =>
            new(message, File, line + File.LineDelta, ColumnOf(backslash, line)) { Warning = true, Length = -1 };
        if (spaced && !_inComment) Warn(Note("backslash and newline separated by space"));
        if (atEnd) Warn(Note("backslash-newline at end of file"));
    }

    private void Warn(PpException warning) => OnError?.Invoke(warning);

    private char Peek(int i) => At(Skip(i));

    public void PushBack(PpToken token) => _pushedBack.Push(token);

    /// <summary>Where the furthest token read so far begins and ends (a token pushed back and read again counts once).</summary>
    private int _lastBegin, _lastEnd;

    /// <summary>The place of the furthest token read, with its length on its line (a caret alone when a splice
    /// continues it on the next): where cpp puts messages about what it has just read.</summary>
    public PpToken LastReadPlace()
    {
        var line = LineOf(_lastBegin);
        var length = LineOf(_lastEnd) == line ? _lastEnd - _lastBegin : 0;
        return new PpToken(PpKind.Other, "", PpFlags.None, File, line + File.LineDelta, ColumnOf(_lastBegin, line)) { SourceLength = length };
    }

    /// <summary>
    /// The line cpp reads for a message at <paramref name="printedLine"/>, for its column and its source excerpt,
    /// without its newline: the physical line of that number (cpp reads the line its line table names, so after #line
    /// it is another line of the file); null past the file's end or once #line has named another file (cpp reads that
    /// file then, see <see cref="CPreprocessor"/>).
    /// </summary>
    public string? SourceLine(int printedLine)
    {
        if (File.Name != _originalName || printedLine < 1 || printedLine > _lineStarts.Count) return null;
        var start = _lineStarts[printedLine - 1];
        // the "line" after a final newline is none
        if (start == _text.Length && printedLine > 1) return null;
        var end = printedLine < _lineStarts.Count ? _lineStarts[printedLine] - 1 : _text.Length;
        return _text[start..end];
    }

    /// <summary>Nothing is left to read after the tokens already taken (the current line was the file's last).</summary>
    public bool AtEndOfText => Skip(_pos) >= _text.Length;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public PpToken Next()
    {
        if (_pushedBack.Count > 0) return _pushedBack.Pop();
        var token = Lex();
        if (_trigraphs is not null) NoteTrigraphs();
        return token;
    }

    private PpToken Lex()
    {
        var flags = PpFlags.None;
        while (true)
        {
            _pos = Skip(_pos);
            var c = At(_pos);
            if (_pos >= _text.Length)
            {
                // cpp places the end of a file at the end of its last line, not on a line after the final newline
                var end = _text.Length > 0 && _text[^1] == '\n' ? _text.Length - 1 : _text.Length;
                return Make(PpKind.EndOfFile, end, end, flags);
            }
            if (c is ' ' or '\t' or '\f' or '\v' or '\r') { _pos++; flags |= PpFlags.PrevWhite; continue; }
            if (c == '\n')
            {
                // a carriage return before the newline is part of it, for the line end's column too
                var at = _pos > 0 && _text[_pos - 1] == '\r' ? _pos - 1 : _pos;
                var eol = Make(PpKind.EndOfLine, at, _pos + 1, flags, "\n");
                _pos++;
                _atLineStart = true;
                return eol;
            }
            if (c == '/' && !_hasSplices && At(_pos + 1) == '*')
            {
                var close = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
                if (close < 0) close = UnterminatedComment(_pos) - 2;
                CommentRead(_pos, close + 2);
                _pos = close + 2;
                flags |= PpFlags.PrevWhite;
                continue;
            }
            if (c == '/' && !_hasSplices && At(_pos + 1) == '/')
            {
                var newline = _text.IndexOf('\n', _pos + 2);
                CommentRead(_pos, newline < 0 ? _text.Length : newline);
                _pos = newline < 0 ? _text.Length : newline;
                flags |= PpFlags.PrevWhite;
                continue;
            }
            if (c == '/' && Peek(_pos + 1) == '*')
            {
                var start = _pos;
                var i = Skip(_pos + 1) + 1;
                _inComment = true;
                while (true)
                {
                    i = Skip(i);
                    if (i >= _text.Length) { _pos = UnterminatedComment(start); break; }
                    if (_text[i] == '*' && Peek(i + 1) == '/') { _pos = Skip(i + 1) + 1; break; }
                    i++;
                }
                _inComment = false;
                CommentRead(start, _pos);
                flags |= PpFlags.PrevWhite;
                continue;
            }
            if (c == '/' && Peek(_pos + 1) == '/')
            {
                _inComment = true;
                var start = _pos;
                while (_pos < _text.Length && _text[_pos] != '\n') _pos = Skip(_pos + 1);
                _inComment = false;
                CommentRead(start, _pos);
                flags |= PpFlags.PrevWhite;
                continue;
            }
            break;
        }
        if (_atLineStart) { flags |= PpFlags.StartOfLine; _atLineStart = false; }
        var begin = _pos;
        var ch = _text[_pos];
        if (ch is 'L' or 'u' or 'U' && PrefixedQuote(ch) is var quoteAt && quoteAt >= 0)
            return LexQuoted(At(quoteAt), begin, flags, quoteAt);
        if (IsIdentifierStart(ch) && (ch != '$' || CLanguage))
        {
            var i = _pos + 1;
            var dollars = CLanguage;
            while (IsNamePart(Peek(i), dollars)) i = Skip(i) + 1;
            var name = Finish(PpKind.Identifier, begin, i, flags);
            // a length test first: this runs for every name read
            if (name.Text.Length is 10 or 11 && OnVariadicName is not null && name.Text is "__VA_ARGS__" or "__VA_OPT__") OnVariadicName(name);
            if (PoisonedNames is { Count: > 0 } poisoned && poisoned.Contains(name.Text)) OnPoisonedName?.Invoke(name);
            return name;
        }
        if (char.IsAsciiDigit(ch) || (ch == '.' && char.IsAsciiDigit(Peek(_pos + 1))))
        {
            var i = _pos + 1;
            var prev = ch;
            while (true)
            {
                var j = Skip(i);
                var d = At(j);
                var exponentSign = (d is '+' or '-') && prev is 'e' or 'E' or 'p' or 'P';
                if (j >= _text.Length || !(exponentSign || IsNamePart(d, CLanguage) || d == '.')) break;
                prev = d;
                i = j + 1;
            }
            return Finish(PpKind.Number, begin, i, flags);
        }
        if (ch is '"' or '\'') return LexQuoted(ch, begin, flags, _pos);
        if (IsPunctuatorStart(ch))
        {
            foreach (var p in Punctuators)
                if (p[0] == ch && MatchesSpliced(_pos, p, out var end)) return Finish(PpKind.Punctuator, begin, end, flags, p);
            return Finish(PpKind.Punctuator, begin, _pos + 1, flags, SingleCharacters[ch]);
        }
        return Finish(PpKind.Other, begin, _pos + 1, flags);
    }

    private bool MatchesSpliced(int i, string s, out int end)
    {
        end = i;
        foreach (var c in s)
        {
            i = Skip(i);
            if (At(i) != c) return false;
            i++;
        }
        end = i;
        return true;
    }

    /// <summary>
    /// Where the quote of a prefixed literal starting at the prefix letter <paramref name="first"/> stands, or -1:
    /// <c>L'</c> and <c>L"</c> everywhere; <c>u'</c>, <c>U'</c>, <c>u"</c>, <c>U"</c> and <c>u8"</c> in C (cpp's lexer;
    /// in gnu17 <c>u8'</c> is a name and a character constant, and raw strings are not read here).
    /// </summary>
    private int PrefixedQuote(char first)
    {
        if (first != 'L' && !CLanguage) return -1;
        var next = Skip(_pos + 1);
        var c = At(next);
        if (c is '"' or '\'' && next < _text.Length) return next;
        if (first != 'u' || c != '8') return -1;
        var quote = Skip(next + 1);
        return quote < _text.Length && At(quote) == '"' ? quote : -1;
    }

    private PpToken LexQuoted(char quote, int begin, PpFlags flags, int quoteAt)
    {
        var i = quoteAt + 1;
        while (true)
        {
            i = Skip(i);
            var c = At(i);
            if (i >= _text.Length || c == '\n')
            {
                // An unmatched quote is an ordinary character sequence up to the end of the line; C warns of it (in a
                // skipped group too, as cpp's lexer does).
                if (CLanguage)
                {
                    var line = LineOf(begin);
                    Warn(new PpException($"missing terminating {quote} character", File, line + File.LineDelta, ColumnOf(begin, line))
                        { Warning = true }); // a place: a caret alone
                }
                return Finish(PpKind.Other, begin, i, flags);
            }
            // A backslash escapes the next character, unless that is the end of the line or of the text (found by
            // fuzzing: a source ending in a quote and a backslash read past the end).
            if (c == '\\') { i = Skip(i + 1); if (i < _text.Length && At(i) != '\n') i++; continue; }
            i++;
            if (c == quote) return Finish(quote == '"' ? PpKind.String : PpKind.Char, begin, i, flags);
        }
    }

    private PpToken Finish(PpKind kind, int begin, int end, PpFlags flags, string? text = null)
    {
        _pos = end;
        return Make(kind, begin, end, flags, text);
    }

    private PpToken Make(PpKind kind, int begin, int end, PpFlags flags, string? text = null)
    {
        (_lastBegin, _lastEnd) = (begin, end);
        var line = LineOf(begin);
        text ??= end > begin ? Spelling(kind, begin, end) : "";
        return new PpToken(kind, text, flags, File, line + File.LineDelta, ColumnOf(begin, line));
    }

    private const string PunctuatorCharacters = "[](){}.&*+-~!/%<>^|?:;=,#";

    private static readonly string[] SingleCharacters = BuildSingleCharacters();

    private static string[] BuildSingleCharacters()
    {
        var table = new string[128];
        foreach (var c in PunctuatorCharacters) table[c] = c.ToString();
        return table;
    }

    private static bool IsPunctuatorStart(char c) => c < 128 && SingleCharacters[c] is not null;

    /// <summary>Source text with splices removed; identifiers and numbers are shared through a pool (few distinct, many uses).</summary>
    private string Spelling(PpKind kind, int begin, int end)
    {
        var span = _text.AsSpan(begin, end - begin);
        if (_hasSplices && span.Contains('\\'))
        {
            var sb = new System.Text.StringBuilder();
            for (var i = begin; i < end; i++)
            {
                var after = _text[i] == '\\' ? SpliceEnd(i) : -1;
                if (after < 0) sb.Append(_text[i]);
                else i = after - 1;
            }
            return sb.ToString();
        }
        if (kind is PpKind.Identifier or PpKind.Number && span.Length <= 64) return _pool.Get(span);
        return span.ToString();
    }

    /// <summary>After <c>#include</c>: reads <c>&lt;name&gt;</c> as one header name, or returns null.</summary>
    public (string Name, int Line, int Column)? TryReadAngleHeader()
    {
        if (_pushedBack.Count > 0) return null;
        var i = _pos;
        while (At(i) is ' ' or '\t') i++;
        if (At(i) != '<') return null;
        var close = _text.IndexOf('>', i + 1);
        var eol = _text.IndexOf('\n', i + 1);
        if (close < 0 || (eol >= 0 && eol < close)) return null;
        var line = LineOf(i);
        _pos = close + 1;
        return (_text[(i + 1)..close], line + File.LineDelta, ColumnOf(i, line));
    }

    /// <summary>Discards the rest of the current line (up to, not including, the newline).</summary>
    public void SkipLine()
    {
        while (true)
        {
            var t = Next();
            if (t.Kind is PpKind.EndOfLine or PpKind.EndOfFile) { PushBack(t); return; }
        }
    }

    /// <summary>A letter, digit or '_' of a name or number, and '$' where it is one (<see cref="CLanguage"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool IsNamePart(char c, bool dollars) => char.IsAsciiLetterOrDigit(c) || c == '_' || (dollars && c == '$');

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '$';
    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c == '$';
}
