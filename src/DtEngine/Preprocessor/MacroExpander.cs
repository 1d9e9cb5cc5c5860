using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// Expands macros in a token stream the way GNU cpp does: a stack of expansion contexts, each disabling its
/// macro while it is rescanned; function-like arguments collected across contexts and lines, pre-expanded
/// unless they meet <c>#</c> or <c>##</c>; padding tokens that tell the printer where white space goes.
/// </summary>
internal sealed class MacroExpander
{
    private sealed class Context
    {
        public Context(List<PpToken> tokens, PpMacro? macro)
        {
            Tokens = tokens;
            Macro = macro;
        }

        public List<PpToken> Tokens { get; }
        public int Position { get; set; }
        public PpMacro? Macro { get; }
    }

    private const int MaxArgumentNesting = 500;

    private readonly Dictionary<string, PpMacro> _macros;
    private readonly Func<PpToken> _base;
    private readonly Action<PpToken>? _lineChange;
    private readonly Func<BuiltinMacro, PpToken, PpToken> _builtin;
    private readonly Stack<Context> _contexts = new();
    private readonly Stack<PpToken> _basePushback = new();
    private readonly int _maxTokens;
    private int _argumentNesting;
    private long _producedSinceBase;

    public MacroExpander(Dictionary<string, PpMacro> macros, Func<PpToken> baseSource, Action<PpToken>? lineChange,
        Func<BuiltinMacro, PpToken, PpToken> builtin, bool inDirective, int maxTokens)
    {
        _macros = macros;
        _base = baseSource;
        _lineChange = lineChange;
        _builtin = builtin;
        InDirective = inDirective;
        _maxTokens = maxTokens;
    }

    /// <summary>Collecting a function-like macro's arguments: line changes are not printed, files may not end.</summary>
    public bool ParsingArgs { get; private set; }

    /// <summary>Expanding a directive's line (<c>#if</c>, <c>#include</c>): no padding is produced.</summary>
    public bool InDirective { get; }

    public bool Assembler { get; init; } = true;

    /// <summary>The place of the last token read from the files (asked only for a message; null: the operator's).</summary>
    public Func<PpToken?>? LastRead { get; init; }

    // Where cpp's messages about what it is reading point: its last lexed token, which is the last token read from the
    // files, except that cpp lexes a paste's spelling from a buffer of its own, placed at column 1 of the line being
    // read (a built-in macro's value too, but cpp then gives it the macro name's place, and the next token read from
    // the files comes before any message). The paste read since the last token from the files, if any: until one is
    // read, the last token read from the files stays where it was, so the place is made only for a message.
    private PpToken? _pastedSinceRead;

    /// <summary>Where cpp's message about what it is reading points (<paramref name="fallback"/> where the files are not
    /// read: a directive's line), and whether its '~' marks go under the line's text only.</summary>
    private (PpToken Place, bool UnderlineInText) CurrentPlace(PpToken fallback)
    {
        if (LastRead?.Invoke() is not { } read) return (fallback, false);
        if (_pastedSinceRead is not { } pasted) return (read, false);
        return (new PpToken(PpKind.Other, pasted.Text, PpFlags.None, read.File, read.Line, 1), true);
    }

    /// <summary>Errors found while expanding (bad argument lists, bad pastes); the caller reports them.</summary>
    public List<PpException> Errors { get; } = new();

    private static readonly PpToken AvoidPaste = PpToken.Padding(null);

    /// <summary>Next token, macros expanded; padding tokens are returned outside directives.</summary>
    public PpToken Next()
    {
        while (true)
        {
            var (token, fromBase) = NextUnexpanded();
            // One use of a macro may not produce more than the limit, however the expansion nests.
            if (fromBase) _producedSinceBase = 0;
            else if (++_producedSinceBase > _maxTokens)
                throw new PpException($"macro expansion exceeds {_maxTokens} tokens", token, fatal: true);
            if (token.Kind == PpKind.Padding)
            {
                if (InDirective) continue;
                return token;
            }
            if (token.Kind != PpKind.Identifier || (token.Flags & PpFlags.NoExpand) != 0) return token;
            if (!_macros.TryGetValue(token.Text, out var macro)) return token;
            if (macro.Disabled) return token.With(token.Flags | PpFlags.NoExpand);
            if (macro.Builtin != BuiltinMacro.None)
            {
                if (macro.Builtin is not (BuiltinMacro.HasInclude or BuiltinMacro.HasIncludeNext)) return _builtin(macro.Builtin, token);
                // #if lines evaluate it before expansion; elsewhere it is cpp's error (the run fails)
                if (!InDirective) Errors.Add(new PpException($"\"{token.Text}\" used outside of preprocessing directive", token));
                return token.With(token.Flags | PpFlags.NoExpand);
            }
            if (Enter(token, macro))
            {
                if (InDirective) continue;
                return PpToken.Padding(token);
            }
            return token;
        }
    }

    /// <summary>Next token without expansion; leaving a finished context re-enables its macro and yields padding.</summary>
    private (PpToken Token, bool FromBase) NextUnexpanded()
    {
        while (_contexts.Count > 0)
        {
            var context = _contexts.Peek();
            if (context.Position < context.Tokens.Count)
            {
                var next = context.Tokens[context.Position++];
                if ((next.Flags & PpFlags.Pasted) == 0) return (next, false);
                // cpp pastes when it reads the left side; the token is read again later (an argument rescanned) as is
                next = next.With(next.Flags & ~PpFlags.Pasted);
                _pastedSinceRead = next;
                return (next, false);
            }
            _contexts.Pop();
            if (context.Macro is not null) context.Macro.Disabled = false;
            return (AvoidPaste, false);
        }
        var token = _basePushback.Count > 0 ? _basePushback.Pop() : _base();
        _pastedSinceRead = null;
        if ((token.Flags & PpFlags.StartOfLine) != 0 && !ParsingArgs) _lineChange?.Invoke(token);
        return (token, true);
    }

    /// <summary>Puts back the token just read, as cpp backs up one: a context's is read again from its place there (a
    /// context of its own would end in padding after it, a blank before a token that follows it unspaced), a file's
    /// waits in the pushback.</summary>
    private void StepBack(PpToken token, bool fromBase)
    {
        if (fromBase)
        {
            _basePushback.Push(token);
            return;
        }
        var context = _contexts.Peek();
        context.Tokens[--context.Position] = token;
    }

    /// <summary>Expands a whole token list (a directive line) in a fresh expander sharing the macro table; its end
    /// is at <paramref name="lineEnd"/> (where an unterminated argument list is reported), else at its last token.</summary>
    public static List<PpToken> ExpandList(IReadOnlyList<PpToken> tokens, Dictionary<string, PpMacro> macros,
        Func<BuiltinMacro, PpToken, PpToken> builtin, int maxTokens, List<PpException> errors, PpToken? lineEnd = null)
    {
        var position = 0;
        var end = lineEnd ?? (tokens.Count > 0 ? tokens[^1] : null);
        var eof = new PpToken(PpKind.EndOfFile, "", PpFlags.None, end?.File, end?.Line ?? 0, end?.Column ?? 0);
        var expander = new MacroExpander(macros, () => position < tokens.Count ? tokens[position++] : eof, null, builtin, true, maxTokens);
        var result = new List<PpToken>();
        for (var t = expander.Next(); t.Kind != PpKind.EndOfFile; t = expander.Next()) result.Add(t);
        errors.AddRange(expander.Errors);
        return result;
    }

    private bool Enter(PpToken name, PpMacro macro)
    {
        List<PpToken> expansion;
        if (!macro.FunctionLike)
        {
            expansion = Substitute(name, macro, Array.Empty<List<PpToken>>());
        }
        else
        {
            var args = CollectArguments(name, macro);
            if (args is null) return false;
            expansion = Substitute(name, macro, args);
        }
        if (expansion.Count > _maxTokens)
            throw new PpException($"expansion of macro \"{macro.Name}\" exceeds {_maxTokens} tokens", name, fatal: true);
        macro.Disabled = true;
        _contexts.Push(new Context(expansion, macro));
        return true;
    }

    /// <summary>Reads <c>( args )</c> after a function-like macro's name; null when no '(' follows or the list is bad.</summary>
    private List<List<PpToken>>? CollectArguments(PpToken name, PpMacro macro)
    {
        ParsingArgs = true;
        try
        {
            PpToken? padding = null;
            (PpToken Token, bool FromBase) next;
            while (true)
            {
                next = NextUnexpanded();
                if (next.Token.Kind != PpKind.Padding) break;
                padding ??= next.Token;
            }
            if (!next.Token.Is("("))
            {
                ParsingArgs = false;
                StepBack(next.Token, next.FromBase);
                // cpp puts skipped padding back in a context of its own, whose end is padding too
                if (padding is not null) _contexts.Push(new Context(new List<PpToken> { padding }, null));
                return null;
            }
            var args = new List<List<PpToken>>();
            var current = new List<PpToken>();
            var depth = 0;
            var total = 0;
            var close = name;
            while (true)
            {
                var (t, fromBase) = NextUnexpanded();
                if (t.Kind == PpKind.Padding)
                {
                    if (current.Count > 0) current.Add(t);
                    continue;
                }
                if (t.Kind == PpKind.EndOfFile)
                {
                    // at the end of the file's last line, where cpp's end-of-file token is; at the end of an argument
                    // being expanded, where cpp's messages point then
                    var message = $"unterminated argument list invoking macro \"{macro.Name}\"";
                    if (t.File is not null) Errors.Add(new PpException(message, t));
                    else
                    {
                        var (place, inText) = CurrentPlace(name);
                        Errors.Add(new PpException(message, place) { UnderlineInText = inText });
                    }
                    StepBack(t, fromBase);
                    return null;
                }
                if (++total > _maxTokens)
                    throw new PpException($"arguments of macro \"{macro.Name}\" exceed {_maxTokens} tokens", name, fatal: true);
                if (t.Is("(")) depth++;
                else if (t.Is(")"))
                {
                    if (depth == 0) { args.Add(current); close = t; break; }
                    depth--;
                }
                else if (t.Is(",") && depth == 0 && !(macro.Variadic && args.Count == macro.Parameters.Count - 1))
                {
                    args.Add(current);
                    current = new List<PpToken>();
                    continue;
                }
                // A newline inside the arguments is white space.
                if ((t.Flags & PpFlags.StartOfLine) != 0) t = t.With((t.Flags & ~PpFlags.StartOfLine) | PpFlags.PrevWhite);
                current.Add(t);
            }
            var n = macro.Parameters.Count;
            if (n == 0 && args.Count == 1 && args[0].All(a => a.Kind == PpKind.Padding)) args.Clear();
            if (args.Count == n - 1 && macro.Variadic) args.Add(new List<PpToken>());
            if (args.Count != n)
            {
                var message = args.Count < n
                    ? $"macro \"{macro.Name}\" requires {n} arguments, but only {args.Count} given"
                    : $"macro \"{macro.Name}\" passed {args.Count} arguments, but takes just {n}";
                // cpp names its last lexed token: the closing parenthesis when it came from the files, else the last
                // token read from them (the outer invocation's ')', or a name)
                var (place, inText) = CurrentPlace(close);
                Errors.Add(new PpException(message, place)
                {
                    UnderlineInText = inText, Note = macro.DefinedAt, NoteText = $"macro \"{macro.Name}\" defined here",
                });
                return null;
            }
            return args;
        }
        finally
        {
            ParsingArgs = false;
        }
    }

    /// <summary>The macro's body with arguments put in, pasted, ready to be rescanned.</summary>
    private List<PpToken> Substitute(PpToken name, PpMacro macro, IReadOnlyList<List<PpToken>> args)
    {
        var body = macro.Body;
        var result = new List<PpToken>(body.Count + 4);
        var expanded = new List<PpToken>?[args.Count];
        var pastes = false;
        HashSet<int>? vaOptEnds = null;
        for (var i = 0; i < body.Count; i++)
        {
            var src = body[i];
            pastes |= (src.Flags & PpFlags.PasteLeft) != 0;
            if (vaOptEnds is not null && vaOptEnds.Remove(i)) continue;
            if (macro.Variadic && src.Kind == PpKind.Identifier && src.Text == "__VA_OPT__" && i + 1 < body.Count && body[i + 1].Is("("))
            {
                // __VA_OPT__(tokens): the tokens only when the variable arguments are not empty.
                var end = MatchingParenthesis(body, i + 1);
                if (!InDirective) result.Add(PpToken.Padding(src));
                if (args[^1].Any(t => t.Kind != PpKind.Padding))
                {
                    (vaOptEnds ??= new HashSet<int>()).Add(end);
                    i++;
                }
                else i = end;
                continue;
            }
            if (src.ParameterIndex < 0)
            {
                var flags = src.Flags & (PpFlags.PrevWhite | PpFlags.PasteLeft);
                if (i == 0) flags &= ~PpFlags.PrevWhite;
                result.Add(src.At(name, flags));
                continue;
            }
            var arg = args[src.ParameterIndex];
            var pasteLeft = (src.Flags & PpFlags.PasteLeft) != 0;
            var pasteRight = i > 0 && (body[i - 1].Flags & PpFlags.PasteLeft) != 0;
            var isVarArgs = macro.Variadic && src.ParameterIndex == macro.Parameters.Count - 1;
            if (pasteRight && isVarArgs && body[i - 1].Is(","))
            {
                // GNU: ", ## __VA_ARGS__" drops the comma when there are no variable arguments.
                var comma = result[^1];
                if (arg.All(t => t.Kind == PpKind.Padding))
                {
                    result.RemoveAt(result.Count - 1);
                    continue;
                }
                result[^1] = comma.With(comma.Flags & ~PpFlags.PasteLeft);
                pasteRight = false;
            }
            IReadOnlyList<PpToken> from;
            if ((src.Flags & PpFlags.Stringize) != 0) from = new[] { Stringize(arg, name) };
            else if (pasteLeft || pasteRight) from = arg.Where(t => t.Kind != PpKind.Padding).ToList();
            else from = expanded[src.ParameterIndex] ??= ExpandArgument(arg);

            if (i > 0 && !pasteRight && !InDirective) result.Add(PpToken.Padding(src));
            if (from.Count > 0)
            {
                for (var k = 0; k < from.Count; k++)
                {
                    var t = from[k];
                    if (t.Kind == PpKind.Padding) { result.Add(t); continue; }
                    var flags = t.Flags & (PpFlags.PrevWhite | PpFlags.NoExpand);
                    // a stringified argument is a new token without a blank of its own: the '#''s blank reaches the printer
                    // through the padding before it, which the right side of ## does not get
                    if (k == 0 && (src.Flags & PpFlags.Stringize) != 0) flags = PpFlags.None;
                    if (k == from.Count - 1 && pasteLeft) flags |= PpFlags.PasteLeft;
                    result.Add(t.At(name, flags));
                }
            }
            else if (pasteLeft || pasteRight)
            {
                result.Add(new PpToken(PpKind.Placemarker, "", pasteLeft ? PpFlags.PasteLeft : PpFlags.None, name.File, name.Line, name.Column));
            }
            if (!InDirective && !pasteLeft) result.Add(AvoidPaste);
        }
        return pastes ? PasteAll(result) : result;
    }

    private static int MatchingParenthesis(IReadOnlyList<PpToken> body, int open)
    {
        var depth = 0;
        for (var i = open; i < body.Count; i++)
        {
            if (body[i].Is("(")) depth++;
            else if (body[i].Is(")") && --depth == 0) return i;
        }
        throw new PpException("unterminated __VA_OPT__", body[open]);
    }

    /// <summary>Fully expands one argument (C's argument pre-expansion), in isolation from what follows it.</summary>
    private List<PpToken> ExpandArgument(List<PpToken> arg)
    {
        if (++_argumentNesting > MaxArgumentNesting)
            throw new PpException("macro arguments nested too deeply", arg.FirstOrDefault(t => t.Kind != PpKind.Padding) ?? AvoidPaste, fatal: true);
        try
        {
            var end = new PpToken(PpKind.EndOfFile, "", PpFlags.None, null, 0, 0);
            var tokens = new List<PpToken>(arg) { end };
            var depth = _contexts.Count;
            _contexts.Push(new Context(tokens, null));
            var result = new List<PpToken>();
            while (true)
            {
                var t = Next();
                if (ReferenceEquals(t, end)) break;
                result.Add(t);
            }
            while (_contexts.Count > depth)
            {
                var left = _contexts.Pop();
                if (left.Macro is not null) left.Macro.Disabled = false;
            }
            return result;
        }
        finally
        {
            _argumentNesting--;
        }
    }

    /// <summary>
    /// The <c>#</c> operator. A blank goes before a token when the token that decides its spacing had one: the
    /// token itself, or the macro name or parameter a padding token before it stands for (GNU cpp's stringify_arg,
    /// the same rule its printer follows). An odd run of backslashes at the end is dropped with cpp's warning.
    /// </summary>
    private PpToken Stringize(List<PpToken> arg, PpToken at)
    {
        var sb = new StringBuilder("\"");
        PpToken? source = null;
        var backslashes = 0;
        foreach (var t in arg)
        {
            if (t.Kind == PpKind.Padding)
            {
                if (source is null || (!source.PrevWhite && t.PaddingSource is null)) source = t.PaddingSource;
                continue;
            }
            if (sb.Length > 1 && (source ?? t).PrevWhite) sb.Append(' ');
            source = null;
            if (t.Kind is PpKind.String or PpKind.Char)
            {
                foreach (var c in t.Text)
                {
                    if (c is '"' or '\\') sb.Append('\\');
                    sb.Append(c);
                }
            }
            else sb.Append(t.Text);
            backslashes = t.Kind == PpKind.Other && t.Text.StartsWith('\\') ? backslashes + 1 : 0;
        }
        if (backslashes % 2 == 1)
        {
            // cpp names the last token it read from the file: the invocation's closing parenthesis.
            var (place, inText) = CurrentPlace(at);
            Errors.Add(new PpException("invalid string literal, ignoring final '\\'", place) { Warning = true, UnderlineInText = inText });
            sb.Length--;
        }
        sb.Append('"');
        return new PpToken(PpKind.String, sb.ToString(), PpFlags.None, at.File, at.Line, at.Column);
    }

    /// <summary>
    /// Carries out the body's <c>##</c>s as cpp's reading of the expansion would: a run of pastes reads as padding that
    /// stands for its first left side (cpp's printer then puts a blank before the result where that side had one, or
    /// where the result would read as one token with what was printed before), the result, and padding with no
    /// source (cpp reads the result from a context of its own, whose end is such padding). A paste that does not give
    /// one token (assembler) leaves its left side so and goes on from its right side.
    /// </summary>
    private List<PpToken> PasteAll(List<PpToken> tokens)
    {
        var output = new List<PpToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            PpToken? firstLeft = null; // null while only placemarkers took part: cpp pastes nothing then
            while ((t.Flags & PpFlags.PasteLeft) != 0 && i + 1 < tokens.Count)
            {
                var rhs = tokens[++i];
                if (t.Kind != PpKind.Placemarker && rhs.Kind != PpKind.Placemarker) firstLeft ??= t;
                var pasted = Paste(t, rhs);
                if (pasted is null)
                {
                    AddPasteResult(output, firstLeft!, t.With((t.Flags & ~PpFlags.PasteLeft) | PpFlags.Pasted));
                    firstLeft = null;
                    t = rhs;
                    continue;
                }
                t = pasted;
            }
            if (firstLeft is not null) AddPasteResult(output, firstLeft, t);
            else if (t.Kind != PpKind.Placemarker) output.Add(t);
        }
        return output;
    }

    private void AddPasteResult(List<PpToken> output, PpToken firstLeft, PpToken result)
    {
        if (!InDirective) output.Add(PpToken.Padding(firstLeft));
        output.Add(result);
        output.Add(AvoidPaste);
    }

    private PpToken? Paste(PpToken lhs, PpToken rhs)
    {
        var keep = lhs.Flags & (PpFlags.PrevWhite);
        var chain = rhs.Flags & PpFlags.PasteLeft;
        if (lhs.Kind == PpKind.Placemarker) return rhs.With((rhs.Flags & ~PpFlags.PrevWhite) | keep);
        if (rhs.Kind == PpKind.Placemarker) return lhs.With((lhs.Flags & ~PpFlags.PasteLeft) | chain);
        var text = lhs.Text + rhs.Text;
        var lexer = new PpLexer(text, lhs.File ?? new PpSourceFile("<paste>", null, -1)) { CLanguage = !Assembler };
        PpToken? single = null;
        try
        {
            var first = lexer.Next();
            var second = lexer.Next();
            if (second.Kind == PpKind.EndOfFile && first.Text == text && (first.Flags & PpFlags.PrevWhite) == 0) single = first;
        }
        catch (PpException)
        {
            single = null;
        }
        if (single is null)
        {
            if (!Assembler) Errors.Add(new PpException($"pasting \"{lhs.Text}\" and \"{rhs.Text}\" does not give a valid preprocessing token", lhs));
            return null;
        }
        return new PpToken(single.Kind, text, keep | chain | PpFlags.Pasted, lhs.File, lhs.Line, lhs.Column);
    }
}
