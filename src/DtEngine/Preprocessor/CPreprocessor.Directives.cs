using System.Text;

namespace Viommu.DtEngine.Preprocessor;

public sealed partial class CPreprocessor
{
    /// <summary>Handles a line starting with '#'; false when assembler rules pass it through as text.</summary>
    private bool Directive(PpToken hash)
    {
        var lexer = Current.Lexer;
        var name = lexer.Next();
        if (IsLineEnd(name))
        {
            lexer.PushBack(name);
            return true;
        }
        if (name.Kind != PpKind.Identifier || !Directives.Contains(name.Text))
        {
            if (Skipping)
            {
                lexer.SkipLine();
                return true;
            }
            if (_options.Assembler)
            {
                lexer.PushBack(name);
                return false;
            }
            Report(new PpException($"invalid preprocessing directive #{name.Text}", name), false);
            lexer.SkipLine();
            return true;
        }
        var conditional = name.Text is "if" or "ifdef" or "ifndef" or "elif" or "elifdef" or "elifndef" or "else" or "endif";
        if (Skipping && !conditional)
        {
            lexer.SkipLine();
            return true;
        }
        // GCC's own directives it keeps for old code, with a warning where they run
        if (name.Text is "import" or "assert" or "unassert") Warn(name, $"#{name.Text} is a deprecated GCC extension [-Wdeprecated]");
        // Any directive but an opening conditional ends the chance that this file is wholly guarded.
        if (name.Text is not ("if" or "ifdef" or "ifndef" or "endif")) Current.GuardValid = false;
        try
        {
            switch (name.Text)
            {
                case "define": Define(lexer, name); break;
                case "undef": Undef(lexer, name); break;
                case "include": case "import": case "include_next": Include(lexer, name); break;
                case "if": If(lexer, name); break;
                case "ifdef": case "ifndef": IfDef(lexer, name); break;
                case "elif": case "elifdef": case "elifndef": Elif(lexer, name); break;
                case "else": Else(lexer, name); break;
                case "endif": EndIf(lexer, name); break;
                case "line": Line(lexer, name); break;
                case "error":
                case "warning":
                    // cpp names the option a #warning is under
                    AddMessage(name.Text == "error" ? PpSeverity.Error : PpSeverity.Warning, Place(name),
                        $"#{name.Text} {SpelledLine(LineTokens(lexer, out _))}" + (name.Text == "warning" ? " [-Wcpp]" : ""), evenInSystemHeader: true);
                    break;
                case "pragma": Pragma(lexer, name); break;
                case "assert": Assert(lexer, name); break;
                case "unassert": Unassert(lexer, name); break;
                case "ident":
                case "sccs":
                    // a string (cpp prints nothing of it in assembler mode), then the line's end
                    var text = lexer.Next();
                    if (text.Kind != PpKind.String || !text.Text.StartsWith('"'))
                    {
                        if (IsLineEnd(text)) lexer.PushBack(text);
                        Report(new PpException($"invalid #{name.Text} directive", text), false);
                    }
                    ExtraTokens(lexer, name);
                    break;
                default: lexer.SkipLine(); break;
            }
        }
        catch (PpException e) when (!e.Fatal)
        {
            Report(e, false);
            lexer.SkipLine();
        }
        return true;
    }

    /// <summary>The rest of the directive's line as tokens; the end-of-line token stays for the file reader.</summary>
    private static List<PpToken> LineTokens(PpLexer lexer, out PpToken end)
    {
        var list = new List<PpToken>();
        while (true)
        {
            var t = lexer.Next();
            if (IsLineEnd(t))
            {
                lexer.PushBack(t);
                end = t;
                return list;
            }
            list.Add(t);
        }
    }

    /// <summary>A line's tokens as cpp spells them in a message (its cpp_output_line_to_string): one blank where
    /// white space or a comment stood between two, none before the first.</summary>
    private static string SpelledLine(List<PpToken> tokens)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (i > 0 && tokens[i].PrevWhite) sb.Append(' ');
            sb.Append(tokens[i].Text);
        }
        return sb.ToString();
    }

    /// <summary>Warns of tokens left on a directive's line; returns the line's end.</summary>
    private PpToken ExtraTokens(PpLexer lexer, PpToken directive)
    {
        var rest = LineTokens(lexer, out var end);
        // words after #else and #endif (labels, as old code wrote them) are under their own warning option
        var option = directive.Text is "else" or "endif" ? " [-Wendif-labels]" : "";
        if (rest.Count > 0) Warn(rest[0], $"extra tokens at end of #{directive.Text} directive{option}");
        return end;
    }

    private PpToken MacroName(PpLexer lexer, PpToken directive)
    {
        var t = lexer.Next();
        if (IsLineEnd(t)) throw LineError(lexer, t, $"no macro name given in #{directive.Text} directive");
        if (t.Kind != PpKind.Identifier) throw new PpException("macro names must be identifiers", t);
        if (t.Text == "defined") throw new PpException("\"defined\" cannot be used as a macro name", t);
        // cpp has said so as it read the name; the directive does nothing (an #ifdef's group is skipped)
        if (_poisoned.Contains(t.Text)) throw new PpException("", t) { AlreadyReported = true };
        return t;
    }

    private void Define(PpLexer lexer, PpToken directive)
    {
        var name = MacroName(lexer, directive);
        var parameters = new List<string>();
        var functionLike = false;
        var variadic = false;
        var next = lexer.Next();
        // cpp places a misplaced ## at the last token before the body: the name, or the parameters' ')'
        var beforeBody = name;
        try
        {
            if (next.Is("(") && !next.PrevWhite)
            {
                functionLike = true;
                beforeBody = ReadParameters(lexer, parameters, out variadic);
                // only "..." makes __VA_ARGS__ a parameter; "args..." names its own
                _variadicBody = variadic && parameters[^1] == "__VA_ARGS__";
                next = lexer.Next();
            }
            else if (!IsLineEnd(next) && !next.PrevWhite)
            {
                // cpp (assembler and C90 rules) wants a blank after an object-like macro's name, and says so at the name
                Warn(name, "missing whitespace after the macro name");
            }
            DefineBody(lexer, directive, name, beforeBody, next, parameters, functionLike, variadic);
        }
        finally
        {
            _variadicBody = false;
        }
    }

    private void DefineBody(PpLexer lexer, PpToken directive, PpToken name, PpToken beforeBody, PpToken next, List<string> parameters, bool functionLike, bool variadic)
    {
        var body = new List<PpToken>();
        PpToken? hash = null;
        var vaopt = variadic ? new VaOptTracker() : null;
        while (!IsLineEnd(next))
        {
            // cpp checks a '##' that starts the body before __VA_OPT__'s rules see it
            if (vaopt is not null && !(next.Is("##") && body.Count == 0 && hash is null) && vaopt.Update(next) is { } misplaced)
                throw misplaced;
            var index = next.Kind == PpKind.Identifier ? parameters.IndexOf(next.Text) : -1;
            if (hash is not null)
            {
                if (index >= 0)
                {
                    body.Add(new PpToken(next.Kind, next.Text, (hash.Flags & PpFlags.PrevWhite) | PpFlags.Stringize, next.File, next.Line, next.Column) { ParameterIndex = index });
                    hash = null;
                    next = lexer.Next();
                    continue;
                }
                if (!_options.Assembler) throw new PpException("'#' is not followed by a macro parameter", hash);
                body.Add(hash);
                hash = null;
            }
            if (functionLike && next.Is("#"))
            {
                hash = next;
                next = lexer.Next();
                continue;
            }
            if (next.Is("##"))
            {
                if (body.Count == 0) throw new PpException("'##' cannot appear at either end of a macro expansion", beforeBody);
                body[^1].Flags |= PpFlags.PasteLeft;
                next = lexer.Next();
                if (IsLineEnd(next))
                {
                    lexer.PushBack(next);
                    throw new PpException("'##' cannot appear at either end of a macro expansion", beforeBody);
                }
                continue;
            }
            body.Add(index >= 0
                ? new PpToken(next.Kind, next.Text, next.Flags & PpFlags.PrevWhite, next.File, next.Line, next.Column) { ParameterIndex = index }
                : next.With(next.Flags & PpFlags.PrevWhite));
            next = lexer.Next();
        }
        if (hash is not null) body.Add(hash);
        lexer.PushBack(next);
        if (vaopt?.Unterminated is { } unterminated) throw unterminated;
        if (body.Count > 0) body[0].Flags &= ~PpFlags.PrevWhite;
        var macro = new PpMacro(name.Text, body, name)
        {
            FunctionLike = functionLike, Parameters = parameters, Variadic = variadic,
            DefinedInFile = _frames.Count > 0 ? Current : null,
        };
        var alwaysWarns = AlwaysWarns(name.Text);
        if (_macros.TryGetValue(name.Text, out var old) && (alwaysWarns || old.Builtin != BuiltinMacro.None || !old.SameDefinitionAs(macro)))
        {
            // at the directive's line, no column; a builtin names its warning option unless it always warns
            var option = old.Builtin != BuiltinMacro.None && !alwaysWarns ? " [-Wbuiltin-macro-redefined]" : "";
            if (AddMessage(PpSeverity.Warning, DirectiveLocation(directive), $"\"{name.Text}\" redefined{option}")
                && old.Builtin == BuiltinMacro.None && old.DefinedAt is { } previous)
                AddMessage(PpSeverity.Note, DirectiveLocation(previous), "this is the location of the previous definition", inFile: old.DefinedInFile);
        }
        _macros[name.Text] = macro;
    }

    /// <summary>A function-like macro's parameter list, with GNU cpp 12's words for each way it can be wrong; returns
    /// its closing parenthesis.</summary>
    private static PpToken ReadParameters(PpLexer lexer, List<string> parameters, out bool variadic)
    {
        variadic = false;
        var t = lexer.Next();
        if (t.Is(")")) return t;
        while (true)
        {
            if (t.Is("..."))
            {
                variadic = true;
                parameters.Add("__VA_ARGS__");
                return ClosingAfterEllipsis(lexer);
            }
            if (t.Kind != PpKind.Identifier)
                throw LineError(lexer, t, IsLineEnd(t) ? "expected parameter name before end of line" : $"expected parameter name, found \"{t.Text}\"");
            if (parameters.Contains(t.Text)) throw new PpException($"duplicate macro parameter \"{t.Text}\"", t);
            parameters.Add(t.Text);
            t = lexer.Next();
            if (t.Is("..."))
            {
                variadic = true;
                return ClosingAfterEllipsis(lexer);
            }
            if (t.Is(")")) return t;
            if (!t.Is(",")) throw LineError(lexer, t, IsLineEnd(t) ? "expected ')' before end of line" : $"expected ',' or ')', found \"{t.Text}\"");
            t = lexer.Next();
        }
    }

    private static bool IsLineEnd(PpToken t) => t.Kind is PpKind.EndOfLine or PpKind.EndOfFile;

    /// <summary>An error at <paramref name="t"/>; a line end is put back, so skipping the rest of the directive stops
    /// there and the next line is read (cpp goes on with it).</summary>
    private static PpException LineError(PpLexer lexer, PpToken t, string message)
    {
        if (IsLineEnd(t)) lexer.PushBack(t);
        return new PpException(message, t);
    }

    private static PpToken ClosingAfterEllipsis(PpLexer lexer)
    {
        var t = lexer.Next();
        if (!t.Is(")")) throw LineError(lexer, t, "expected ')' after \"...\"");
        return t;
    }

    private void Undef(PpLexer lexer, PpToken directive)
    {
        var name = MacroName(lexer, directive);
        if (_macros.Remove(name.Text, out var old))
        {
            if (AlwaysWarns(name.Text))
                AddMessage(PpSeverity.Warning, Place(name), $"undefining \"{name.Text}\"");
            else if (old.Builtin != BuiltinMacro.None)
                AddMessage(PpSeverity.Warning, DirectiveLocation(directive), $"undefining \"{name.Text}\" [-Wbuiltin-macro-redefined]");
        }
        ExtraTokens(lexer, directive);
    }

    private void PushCondition(PpToken directive, bool value, string? guard)
    {
        var parentSkipping = Skipping;
        var c = new Conditional(directive, parentSkipping)
        {
            Taken = !parentSkipping && value,
            Skipping = parentSkipping || !value,
            GuardMacro = guard,
        };
        _conditions.Add(c);
    }

    /// <summary>
    /// What every opening conditional does first: note whether it could be the file's include guard (nothing came
    /// before it), and inside a skipped group push a skipped group without reading the line. False when skipped.
    /// </summary>
    private bool OpenConditional(PpLexer lexer, PpToken directive, out bool first)
    {
        first = Current.GuardValid && Current.GuardMacro is null && _conditions.Count == Current.ConditionDepth;
        Current.GuardValid = false;
        if (!Skipping) return true;
        lexer.SkipLine();
        PushCondition(directive, false, null);
        return false;
    }

    private void If(PpLexer lexer, PpToken directive)
    {
        if (!OpenConditional(lexer, directive, out var first)) return;
        var tokens = LineTokens(lexer, out var end);
        // "#if !defined X" also guards a file.
        string? guard = null;
        if (first && tokens.Count >= 3 && tokens[0].Is("!") && tokens[1].Text == "defined")
        {
            var rest = tokens.Skip(2).Where(t => !t.Is("(") && !t.Is(")")).ToList();
            if (rest.Count == 1 && rest[0].Kind == PpKind.Identifier) guard = rest[0].Text;
        }
        bool value;
        try
        {
            value = EvaluateCondition(tokens, directive, end);
        }
        catch (PpException)
        {
            PushCondition(directive, false, null);
            throw;
        }
        PushCondition(directive, value, guard);
    }

    private void IfDef(PpLexer lexer, PpToken directive)
    {
        if (!OpenConditional(lexer, directive, out var first)) return;
        PpToken name;
        try
        {
            name = MacroName(lexer, directive);
        }
        catch (PpException)
        {
            PushCondition(directive, false, null);
            throw;
        }
        var defined = _macros.ContainsKey(name.Text);
        ExtraTokens(lexer, directive);
        var ifndef = directive.Text == "ifndef";
        PushCondition(directive, ifndef ? !defined : defined, ifndef && first ? name.Text : null);
    }

    private Conditional OpenCondition(PpToken directive)
    {
        if (_conditions.Count <= Current.ConditionDepth) throw new PpException($"#{directive.Text} without #if", directive);
        return _conditions[^1];
    }

    private void Elif(PpLexer lexer, PpToken directive)
    {
        var c = OpenCondition(directive);
        if (c.Kind == "else") AfterElse(c, directive);
        c.Kind = "elif";
        c.GuardMacro = null;
        if (c.ParentSkipping || c.Taken)
        {
            c.Skipping = true;
            lexer.SkipLine();
            return;
        }
        bool value;
        if (directive.Text == "elif")
        {
            var tokens = LineTokens(lexer, out var end);
            c.Skipping = true;
            value = EvaluateCondition(tokens, directive, end);
        }
        else
        {
            var name = MacroName(lexer, directive);
            value = _macros.ContainsKey(name.Text) == (directive.Text == "elifdef");
            ExtraTokens(lexer, directive);
        }
        c.Taken = value;
        c.Skipping = !value;
    }

    /// <summary>cpp's errors for an #else or #elif after #else; it goes on, the group skipped (a group was taken).</summary>
    private void AfterElse(Conditional c, PpToken directive)
    {
        Report(new PpException($"#{directive.Text} after #else", directive), false);
        AddMessage(PpSeverity.Error, new PpPlace(c.Start.File, c.Start.Line, 0), "the conditional began here");
    }

    private void Else(PpLexer lexer, PpToken directive)
    {
        var c = OpenCondition(directive);
        if (c.Kind == "else") AfterElse(c, directive);
        c.Kind = "else";
        c.GuardMacro = null;
        c.Skipping = c.ParentSkipping || c.Taken;
        c.Taken = true;
        if (!c.ParentSkipping) ExtraTokens(lexer, directive);
        else lexer.SkipLine();
    }

    private void EndIf(PpLexer lexer, PpToken directive)
    {
        var c = OpenCondition(directive);
        _conditions.RemoveAt(_conditions.Count - 1);
        if (!c.ParentSkipping) ExtraTokens(lexer, directive);
        else lexer.SkipLine();
        if (c.GuardMacro is not null)
        {
            Current.GuardValid = true;
            Current.GuardMacro = c.GuardMacro;
        }
        else
        {
            Current.GuardValid = false;
        }
    }

    private bool EvaluateCondition(List<PpToken> tokens, PpToken directive, PpToken end)
    {
        var resolved = new List<PpToken>(tokens.Count);
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Kind == PpKind.Identifier && t.Text == "defined")
            {
                var paren = i + 1 < tokens.Count && tokens[i + 1].Is("(");
                var at = i + (paren ? 2 : 1);
                if (at >= tokens.Count || tokens[at].Kind != PpKind.Identifier)
                    throw new PpException("operator \"defined\" requires an identifier", at < tokens.Count ? tokens[at] : end);
                if (paren && (at + 1 >= tokens.Count || !tokens[at + 1].Is(")")))
                    throw new PpException("missing ')' after \"defined\"", at + 1 < tokens.Count ? tokens[at + 1] : end);
                resolved.Add(new PpToken(PpKind.Number, _macros.ContainsKey(tokens[at].Text) ? "1" : "0", t.Flags, t.File, t.Line, t.Column));
                i = at + (paren ? 1 : 0);
                continue;
            }
            if (t.Is("#"))
            {
                // an assertion's error stops the #if (it was reported)
                var (holds, last) = AssertionTest(tokens, i, end) ?? throw new PpException("", t) { AlreadyReported = true };
                resolved.Add(new PpToken(PpKind.Number, holds ? "1" : "0", t.Flags, t.File, t.Line, t.Column));
                i = last;
                continue;
            }
            if (t.Kind == PpKind.Identifier && _macros.TryGetValue(t.Text, out var hasInclude) && hasInclude.Builtin is BuiltinMacro.HasInclude or BuiltinMacro.HasIncludeNext)
            {
                var (found, consumed) = HasInclude(tokens, i, end, t.Text == "__has_include_next");
                resolved.Add(new PpToken(PpKind.Number, found ? "1" : "0", t.Flags, t.File, t.Line, t.Column));
                i += consumed;
                continue;
            }
            resolved.Add(t);
        }
        var errors = new List<PpException>();
        var expanded = MacroExpander.ExpandList(resolved, _macros, Builtin, _options.MaxExpansionTokens, errors, end);
        ReportExpansionErrors(errors);
        var warnings = new List<PpException>();
        try
        {
            return IfExpression.Evaluate(expanded, directive, end, warnings, _options.Assembler);
        }
        finally
        {
            foreach (var w in warnings) Report(w, false);
        }
    }

    /// <summary>
    /// <c>__has_include</c> or <c>__has_include_next</c> at <paramref name="at"/> in an #if line: whether its header
    /// is found, and how many tokens after the operator it took. Its errors are cpp's parse_has_include's, which the
    /// expression goes on after (the operand then counts as not found): each at the last token read, the line's end
    /// being none.
    /// </summary>
    private (bool Found, int Consumed) HasInclude(List<PpToken> tokens, int at, PpToken end, bool next)
    {
        var op = tokens[at];
        var i = at + 1;
        var last = op;
        PpToken? Peek() => i < tokens.Count ? tokens[i] : null;
        PpToken? Take()
        {
            var t = Peek();
            if (t is not null) (last, i) = (t, i + 1);
            return t;
        }
        var paren = Peek() is { } open && open.Is("(");
        if (paren) Take();
        else Report(new PpException($"missing '(' before \"{op.Text}\" operand", Peek() ?? op), false);
        string? name = null;
        var angled = false;
        if (Peek() is { Kind: PpKind.Identifier } && _macros.ContainsKey(Peek()!.Text))
        {
            // a macro naming the header: its expansion up to the operand's ')' gives it
            var stop = paren ? ClosingParenthesis(tokens, i) : i + 1;
            var errors = new List<PpException>();
            var expanded = MacroExpander.ExpandList(tokens.GetRange(i, stop - i), _macros, Builtin, _options.MaxExpansionTokens, errors);
            ReportExpansionErrors(errors);
            (last, i) = (tokens[stop - 1], stop);
            (name, angled) = expanded.Count > 0 ? GluedHeaderName(expanded) : (null, false);
            if (name is null) Report(new PpException($"operator \"{op.Text}\" requires a header-name", last), false);
        }
        else if (Take() is { } operand && (operand.Kind == PpKind.String && operand.Text.StartsWith('"') || operand.Is("<")))
        {
            angled = operand.Is("<");
            if (!angled) name = operand.Text[1..^1];
            else
            {
                // cpp glues what follows up to '>', and to the line's end without one, where it then places its errors
                var sb = new StringBuilder();
                while (Take() is { } t && !t.Is(">"))
                {
                    if (sb.Length > 0 && t.PrevWhite) sb.Append(' ');
                    sb.Append(t.Text);
                }
                if (!last.Is(">"))
                {
                    last = end;
                    Report(new PpException("missing terminating > character", end), false);
                }
                name = sb.ToString();
            }
        }
        else Report(new PpException($"operator \"{op.Text}\" requires a header-name", last), false);
        if (paren && (Take() is not { } close || !close.Is(")"))) Report(new PpException($"missing ')' after \"{op.Text}\" operand", last), false);
        var found = name is not null && Resolve(IO.FileNameText.FromSourceText(name), angled, next) is not null;
        return (found, i - 1 - at);
    }

    /// <summary>A header name from expanded tokens: <c>"x"</c>, or <c>&lt;</c> and what follows up to <c>&gt;</c>.</summary>
    private static (string? Name, bool Angled) GluedHeaderName(List<PpToken> list)
    {
        if (list[0].Kind == PpKind.String && list[0].Text.StartsWith('"')) return (list[0].Text[1..^1], false);
        return list[0].Is("<") ? (AngledName(list).Name, true) : (null, false);
    }

    /// <summary>The name between the '&lt;' that starts <paramref name="list"/> and the '&gt;' after it, one blank where
    /// white space stood (cpp's glue); with the index of the '&gt;', or -1 when there is none.</summary>
    private static (string Name, int Close) AngledName(List<PpToken> list)
    {
        var sb = new StringBuilder();
        for (var k = 1; k < list.Count; k++)
        {
            if (list[k].Is(">")) return (sb.ToString(), k);
            if (list[k].PrevWhite) sb.Append(' ');
            sb.Append(list[k].Text);
        }
        return (sb.ToString(), -1);
    }

    /// <summary>The index of the ')' that closes a group starting at <paramref name="start"/>, or the count.</summary>
    private static int ClosingParenthesis(List<PpToken> tokens, int start)
    {
        var depth = 0;
        for (var k = start; k < tokens.Count; k++)
        {
            if (tokens[k].Is("(")) depth++;
            else if (tokens[k].Is(")") && depth-- == 0) return k;
        }
        return tokens.Count;
    }

    /// <summary>A header name from a directive's tokens: <c>"x"</c> or <c>&lt; x &gt;</c>, after macro expansion.</summary>
    private (string Name, bool Angled) HeaderName(List<PpToken> tokens, PpToken directive, PpToken? lineEnd = null)
    {
        var errors = new List<PpException>();
        var list = tokens.Count > 0 && tokens[0].Kind == PpKind.String ? tokens : MacroExpander.ExpandList(tokens, _macros, Builtin, _options.MaxExpansionTokens, errors, lineEnd);
        ReportExpansionErrors(errors);
        if (list.Count > 0 && list[0].Kind == PpKind.String && list[0].Text.StartsWith('"'))
        {
            if (list.Count > 1) Warn(list[1], $"extra tokens at end of #{directive.Text} directive");
            return (list[0].Text[1..^1], false);
        }
        if (list.Count > 0 && list[0].Is("<"))
        {
            var (name, close) = AngledName(list);
            if (close >= 0) return (name, true);
            // an #include goes on with what it has, placing the error at the line's end (cpp's glue_header_name)
            if (lineEnd is null) throw new PpException($"missing terminating > character", list[0]);
            Report(new PpException("missing terminating > character", lineEnd), false);
            return (name, true);
        }
        throw new PpException($"#{directive.Text} expects \"FILENAME\" or <FILENAME>", list.Count > 0 ? list[0] : lineEnd ?? directive);
    }

    /// <summary>
    /// Where in the search path a header's lookup starts (cpp's search_path_head): after the includer's folder for
    /// #include_next from a file found there, at the bracket folders for &lt;...&gt;, at the first for "..." (after the
    /// includer's own folder); -1 for an absolute name. Past the end, cpp has no include path to search.
    /// </summary>
    private int SearchStart(string name, bool angled, bool next)
    {
        if (name.StartsWith('/')) return -1;
        if (next && Current.File.FoundInSearchPath >= 0) return Current.File.FoundInSearchPath + 1;
        if (angled) return _quoteCount;
        return !next ? -1 : 0;
    }

    /// <summary>Finds a header as cpp does; returns the printed path and its search-path index, or null.</summary>
    private (string Path, int Index)? Resolve(string name, bool angled, bool next)
    {
        if (name.StartsWith('/')) return Exists(name) ? (name, -1) : null;
        var start = SearchStart(name, angled, next);
        if (start < 0)
        {
            // "..." looks in the includer's own folder first
            var here = Join(Current.File.SearchDirectory ?? "", name);
            if (Exists(here)) return (here, -1);
            start = 0;
        }
        for (var i = start; i < _searchPath.Count; i++)
        {
            var p = Join(_searchPath[i], name);
            if (Exists(p)) return (p, i);
        }
        return null;
    }

    private void Include(PpLexer lexer, PpToken directive)
    {
        string name;
        bool angled;
        PpToken where, lineEnd;
        var raw = lexer.TryReadAngleHeader();
        if (raw is { } header)
        {
            name = header.Name;
            angled = true;
            // spelled with its brackets: the token a message marks
            where = new PpToken(PpKind.String, $"<{name}>", PpFlags.None, lexer.File, header.Line, header.Column);
            lineEnd = ExtraTokens(lexer, directive);
        }
        else
        {
            var tokens = LineTokens(lexer, out lineEnd);
            where = tokens.Count > 0 ? tokens[0] : lineEnd;
            (name, angled) = HeaderName(tokens, directive, lineEnd);
        }
        if (name.Length == 0) throw new PpException("empty filename in #" + directive.Text, where);
        var spelled = name; // as messages show it: the directive's bytes
        name = IO.FileNameText.FromSourceText(name); // the directive's bytes name the file
        var next = directive.Text == "include_next";
        if (next && _frames.Count == 1) Warn(directive, "#include_next in primary source file");
        // cpp's error, not a fatal one: the include is skipped and the run goes on
        if (SearchStart(name, angled, next && _frames.Count > 1) >= _searchPath.Count)
            throw new PpException($"no include path in which to search for {spelled}", lineEnd);
        var found = Resolve(name, angled, next && _frames.Count > 1);
        if (found is null) throw new PpException($"{spelled}: No such file or directory", where, fatal: true);
        var (path, index) = found.Value;
        // the folder where it was found: its own (-1, not for an absolute name) or one of the search path
        var folderLevel = index >= 0 ? FolderSystemLevel(index) : name.StartsWith('/') ? 0 : OwnFolderLevel();
        path = NameFoundIn(path, folderLevel);
        var full = Path.GetFullPath(path, _workingDirectory);
        if (directive.Text == "import")
        {
            if (!_onceFiles.Add(full)) return;
        }
        if (_onceFiles.Contains(full) && directive.Text != "import") return;
        // cpp caches a lookup under where it started; a quoted lookup that falls through to the search
        // path meets the cache entries of that path's head, so it shares their guard.
        var guardKey = next && _frames.Count > 1 ? $"next {Current.File.FoundInSearchPath}:{name}"
            : index < 0 ? $"\"{Current.File.SearchDirectory}\":{name}"
            : index < _quoteCount ? $"quote:{name}" : $"<>:{name}";
        if (_guards.TryGetValue(guardKey, out var guard) && _macros.ContainsKey(guard)) return;
        var data = Read(path) ?? throw new PpException($"{spelled}: No such file or directory", where, fatal: true);
        // Consume the directive's newline now: the includer resumes on the next line.
        var eol = lexer.Next();
        var returnLine = eol.Kind == PpKind.EndOfLine ? eol.Line + 1 : eol.Line;
        // a file found in a system folder, or included from a system header, is one
        var level = Math.Max(Current.SystemLevel, folderLevel);
        AddDependency(path, "#include " + guardKey, level);
        var includedAt = $"{Current.File.Name}:{directive.Line}";
        _output.MaybePrintLine(directive.Line);
        PushFile(data, path, SourceResolverDirectory(path), index, includedAt, returnLine, where, guardKey, level);
        _output.FileChange(path, 1, " 1", level);
    }

    private void Line(PpLexer lexer, PpToken directive)
    {
        var tokens = LineTokens(lexer, out var end);
        var errors = new List<PpException>();
        var list = MacroExpander.ExpandList(tokens, _macros, Builtin, _options.MaxExpansionTokens, errors, end);
        ReportExpansionErrors(errors);
        if (list.Count == 0) throw new PpException("unexpected end of file after #line", end);
        if (list[0].Kind != PpKind.Number || !list[0].Text.All(char.IsAsciiDigit))
            throw new PpException($"\"{list[0].Text}\" after #line is not a positive integer", list[0]);
        var wrappedValue = LineNumber(list[0].Text, out var wrapped);
        if (wrapped) Warn(list[0], "line number out of range");
        if (wrappedValue > int.MaxValue) throw new PpException("line numbers past 2147483647 are not supported", list[0]);
        var number = (int)wrappedValue;
        var file = Current.File;
        if (list.Count > 1)
        {
            // a plain string: a prefixed one (L"x") is not a file name
            if (list[1].Kind != PpKind.String || !list[1].Text.StartsWith('"'))
                throw new PpException($"\"{list[1].Text}\" is not a valid filename", list[1]);
            if (list.Count > 2) Warn(list[2], "extra tokens at end of #line directive");
            file.Name = IO.FileNameText.FromSourceText(Unescaped(list[1]));
        }
        // The next physical line is printed as `number`.
        var nextPhysical = end.Line - file.LineDelta + 1;
        file.LineDelta = number - nextPhysical;
        _output.FileChange(file.Name, number, "", Current.SystemLevel);
    }

    /// <summary>A string literal's text with its escape sequences read (cpp_interpret_string): simple ones, octal
    /// and hexadecimal; an unknown one is its character, with cpp's warning.</summary>
    private string Unescaped(PpToken literal)
    {
        var s = literal.Text[1..^1];
        var sb = new StringBuilder();
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] != '\\' || i + 1 >= s.Length)
            {
                sb.Append(s[i++]);
                continue;
            }
            var letter = s[++i];
            if (EscapeSequence.TryRead(s, ref i, out var value)) sb.Append((char)value);
            else
            {
                Warn(literal, EscapeSequence.UnknownMessage(letter));
                sb.Append(letter);
            }
        }
        return sb.ToString();
    }

    /// <summary>A line number as cpp keeps it, in 32 unsigned bits: a larger number wraps, and says so.</summary>
    private static uint LineNumber(string digits, out bool wrapped)
    {
        wrapped = false;
        var value = 0U;
        foreach (var c in digits)
        {
            var next = (ulong)value * 10 + (uint)(c - '0');
            wrapped |= next > uint.MaxValue;
            value = unchecked((uint)next);
        }
        return value;
    }

    private void Pragma(PpLexer lexer, PpToken directive)
    {
        // '#pragma GCC poison' may name what it has poisoned already: its first two words say whether this is one
        var tokens = new List<PpToken>();
        for (var t = lexer.Next(); ; t = lexer.Next())
        {
            if (IsLineEnd(t)) { lexer.PushBack(t); break; }
            tokens.Add(t);
            if (tokens.Count == 2) break;
        }
        _poisonLine = tokens is [{ Text: "GCC" }, { Text: "poison" }];
        tokens.AddRange(LineTokens(lexer, out var lineEnd));
        _poisonLine = false;
        if (tokens.Count == 0) return;
        // cpp runs its own pragmas as text lines: the output moves to the pragma's column, as if printed.
        var gcc = tokens[0].Text == "GCC" && tokens.Count > 1 ? tokens[1].Text : null;
        if (tokens[0].Text is "once" or "push_macro" or "pop_macro" || gcc is "poison" or "system_header" or "dependency" or "warning" or "error")
            _output.LineChange(tokens[0]);
        if (gcc is "warning" or "error")
        {
            // a string, what follows it ignored; anything else (the line's end too) is cpp's error at it
            if (tokens.Count > 2 && tokens[2].Kind == PpKind.String && tokens[2].Text.StartsWith('"'))
                AddMessage(gcc == "error" ? PpSeverity.Error : PpSeverity.Warning, Place(tokens[2]), tokens[2].Text[1..^1]);
            else Report(new PpException($"invalid \"#pragma GCC {gcc}\" directive", tokens.Count > 2 ? tokens[2] : lineEnd), false);
        }
        if (gcc == "poison") Poison(tokens);
        if (gcc == "dependency") Dependency(tokens, lineEnd);
        if (gcc == "system_header")
        {
            if (_frames.Count == 1) Warn(tokens[1], "#pragma system_header ignored outside include file");
            else
            {
                // the rest of the file is a system header (level 1): a marker from the next line says so, or from
                // the pragma's own line when it is the file's last (cpp has started no later line)
                Current.SystemLevel = 1;
                _output.FileChange(Current.File.Name, lexer.AtEndOfText ? lineEnd.Line : lineEnd.Line + 1, "", 1);
            }
        }
        switch (tokens[0].Text)
        {
            case "once":
                if (_frames.Count == 1) Warn(tokens[0], "#pragma once in main file");
                _onceFiles.Add(Current.FullPath);
                break;
            case "push_macro":
            case "pop_macro":
                if (!PragmaMacroName(tokens)) break;
                var name = tokens[2].Text[1..^1];
                if (tokens[0].Text == "push_macro")
                {
                    if (!_pushedMacros.TryGetValue(name, out var stack)) _pushedMacros[name] = stack = new Stack<PpMacro?>();
                    stack.Push(_macros.GetValueOrDefault(name));
                }
                else if (_pushedMacros.TryGetValue(name, out var stack) && stack.Count > 0)
                {
                    var m = stack.Pop();
                    if (m is null) _macros.Remove(name);
                    else _macros[name] = m;
                }
                break;
        }
        // Other pragmas are dropped, as cpp does for assembler input.
    }

    /// <summary>#pragma GCC poison: each name after it becomes an error to use; a macro of that name is undefined,
    /// with a warning; anything but a name stops it with cpp's error.</summary>
    private void Poison(List<PpToken> tokens)
    {
        foreach (var t in tokens.Skip(2))
        {
            if (t.Kind != PpKind.Identifier)
            {
                Report(new PpException("invalid #pragma GCC poison directive", t), false);
                return;
            }
            if (!_poisoned.Add(t.Text)) continue;
            if (_macros.Remove(t.Text)) Warn(t, $"poisoning existing macro \"{t.Text}\"");
        }
    }

    /// <summary>
    /// #pragma GCC dependency "FILE" [text]: a file that cannot be found stops the run, as an #include's would (cpp
    /// names no place); one newer than the current file is a warning, with the rest of the line as a second one.
    /// </summary>
    private void Dependency(List<PpToken> tokens, PpToken lineEnd)
    {
        var operand = tokens.Skip(2).ToList();
        if (operand.Count == 0 || !(operand[0].Kind == PpKind.String && operand[0].Text.StartsWith('"') || operand[0].Is("<")))
        {
            Report(new PpException("#pragma dependency expects \"FILENAME\" or <FILENAME>", operand.Count > 0 ? operand[0] : lineEnd), false);
            return;
        }
        var angled = operand[0].Is("<");
        var (name, close) = angled ? AngledName(operand) : (operand[0].Text[1..^1], 0);
        if (close < 0)
        {
            Report(new PpException("missing terminating > character", lineEnd), false);
            return;
        }
        var found = Resolve(IO.FileNameText.FromSourceText(name), angled, false)
                    ?? throw new PpException($"{name}: No such file or directory", null, 0, 0, fatal: true);
        if (_options.ReadFile is not null || Current.FullPath.StartsWith('<') || !File.Exists(Current.FullPath)) return;
        if (File.GetLastWriteTimeUtc(found.Path) <= File.GetLastWriteTimeUtc(Current.FullPath)) return;
        Warn(operand[close], $"current file is older than {name}");
        if (close + 1 < operand.Count) Warn(operand[close], SpelledLine(operand.Skip(close + 1).ToList()));
    }

    /// <summary>
    /// Whether a push_macro or pop_macro pragma reads <c>("NAME")</c>, with cpp's messages: an error at the first
    /// token that does not fit (at the line's end, the token before it), then a warning at a token after it or after
    /// the ')' (cpp's get__Pragma_string and check_eol).
    /// </summary>
    private bool PragmaMacroName(List<PpToken> tokens)
    {
        static bool Fits(PpToken t, int step) => step switch { 0 => t.Is("("), 1 => t.Kind == PpKind.String, _ => t.Is(")") };
        var read = 1;
        while (read < 4 && read < tokens.Count && Fits(tokens[read], read - 1)) read++;
        if (read < 4)
        {
            var failing = read < tokens.Count ? tokens[read] : null;
            Report(new PpException($"invalid #pragma {tokens[0].Text} directive", failing ?? tokens[read - 1]), false);
            if (failing is not null && read + 1 < tokens.Count) Warn(tokens[read + 1], "extra tokens at end of #pragma directive");
            return false;
        }
        if (tokens.Count > 4) Warn(tokens[4], "extra tokens at end of #pragma directive");
        return true;
    }
}
