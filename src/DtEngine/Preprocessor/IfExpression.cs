namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// Evaluates a <c>#if</c> line after macro expansion with C's preprocessor arithmetic: intmax_t and
/// uintmax_t (64 bits), the usual conversions to unsigned, short-circuit evaluation (no division-by-zero
/// error in a branch that is not taken), remaining identifiers as 0. Errors carry cpp's wording.
/// </summary>
internal sealed class IfExpression
{
    private readonly record struct Value(ulong Bits, bool Unsigned)
    {
        public long Signed => unchecked((long)Bits);
        public bool IsTrue => Bits != 0;
        public static Value Int(long v) => new(unchecked((ulong)v), false);
        public static Value Bool(bool b) => new(b ? 1UL : 0UL, false);
    }

    private readonly IReadOnlyList<PpToken> _tokens;
    private readonly PpToken _end;
    private int _pos;

    private readonly List<PpException>? _warnings;

    private IfExpression(IReadOnlyList<PpToken> tokens, PpToken end, List<PpException>? warnings)
    {
        _tokens = tokens;
        _end = end;
        _warnings = warnings;
    }

    /// <summary>
    /// True when the expression is non-zero; throws <see cref="PpException"/> on a bad expression. Warnings found
    /// before the value or the error (multi-character constants) are added to <paramref name="warnings"/>.
    /// </summary>
    public static bool Evaluate(IReadOnlyList<PpToken> tokens, PpToken directive, PpToken end, List<PpException>? warnings = null)
    {
        if (tokens.Count == 0) throw new PpException($"#{directive.Text} with no expression", end);
        var e = new IfExpression(tokens, end, warnings);
        try
        {
            var v = e.Comma(true);
            if (e._pos < tokens.Count) throw Unexpected(tokens[e._pos]);
            return v.IsTrue;
        }
        catch (PpException) when (FirstInvalid(tokens) is var k && k >= 0 && e._pos >= k)
        {
            // cpp reads the expression token by token and refuses a token no expression holds as soon as it reads
            // it, before it can see what else is wrong there (a missing operator or parenthesis).
            throw NotValid(tokens[k]);
        }
    }

    private static readonly HashSet<string> ExpressionPunctuators = new(StringComparer.Ordinal)
    {
        "!", ">", "<", "+", "-", "*", "/", "%", "&", "|", "^", ">>", "<<", "~", "&&", "||", "?", ":", ",", "(", ")",
        "==", "!=", ">=", "<=", "#",
    };

    private static int FirstInvalid(IReadOnlyList<PpToken> tokens)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            var valid = t.Kind is PpKind.Number or PpKind.Char or PpKind.Identifier
                || (t.Kind == PpKind.Punctuator && ExpressionPunctuators.Contains(t.Text));
            if (!valid) return i;
        }
        return -1;
    }

    /// <summary>A token where an operand has ended and no binary operator it takes follows (cpp's words).</summary>
    private static PpException Unexpected(PpToken t)
    {
        if (t.Is(")")) return new PpException("missing '(' in expression", t);
        // GCC 12's message starts with a blank
        if (t.Is(":")) return new PpException(" ':' without preceding '?'", t);
        return new PpException($"missing binary operator before token \"{t.Text}\"", t);
    }

    private static PpException NotValid(PpToken t) => new($"token \"{t.Text}\" is not valid in preprocessor expressions", t);

    private PpToken Peek => _pos < _tokens.Count ? _tokens[_pos] : _end;
    private bool AtEnd => _pos >= _tokens.Count;

    private Value Comma(bool eval)
    {
        var v = Conditional(eval);
        while (!AtEnd && Peek.Is(","))
        {
            NeedRightOperand(Peek);
            v = Conditional(eval);
        }
        return v;
    }

    private Value Conditional(bool eval)
    {
        var c = Binary(0, eval);
        if (AtEnd || !Peek.Is("?")) return c;
        NeedRightOperand(Peek);
        var a = Comma(eval && c.IsTrue);
        // cpp finds the ':' missing at the token that ends the operand (a ')' or the line's end)
        if (AtEnd || Peek.Is(")")) throw new PpException("'?' without following ':'", Peek);
        if (!Peek.Is(":")) throw Unexpected(Peek);
        NeedRightOperand(Peek);
        var b = Conditional(eval && !c.IsTrue);
        var r = c.IsTrue ? a : b;
        return new Value(r.Bits, a.Unsigned || b.Unsigned);
    }

    private static int Precedence(PpToken t) => t.Kind != PpKind.Punctuator ? -1 : t.Text switch
    {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" or "!=" => 6,
        "<" or ">" or "<=" or ">=" => 7,
        "<<" or ">>" => 8,
        "+" or "-" => 9,
        "*" or "/" or "%" => 10,
        _ => -1,
    };

    /// <summary>
    /// Moves past <paramref name="op"/>, which wants an operand after it: the line's end, ')' or an operator that
    /// wants one before it there is cpp's "has no right operand", placed at that token.
    /// </summary>
    private void NeedRightOperand(PpToken op)
    {
        _pos++;
        if (AtEnd || Peek.Is(")") || Peek.Is("?") || Peek.Is(":") || Peek.Is(",") || (Precedence(Peek) >= 0 && !Peek.Is("-") && !Peek.Is("+")))
            throw new PpException($"operator '{op.Text}' has no right operand", AtEnd ? _end : Peek);
    }

    private Value Binary(int minPrecedence, bool eval)
    {
        var left = Unary(eval);
        while (!AtEnd)
        {
            var op = Peek;
            var p = Precedence(op);
            if (p < 0 || p < minPrecedence) break;
            NeedRightOperand(op);
            var evalRight = op.Text switch
            {
                "&&" => eval && left.IsTrue,
                "||" => eval && !left.IsTrue,
                _ => eval,
            };
            var right = Binary(p + 1, evalRight);
            left = Apply(op, left, right, eval);
        }
        return left;
    }

    private static Value Apply(PpToken op, Value a, Value b, bool eval)
    {
        var uns = a.Unsigned || b.Unsigned;
        switch (op.Text)
        {
            case "||": return Value.Bool(a.IsTrue || b.IsTrue);
            case "&&": return Value.Bool(a.IsTrue && b.IsTrue);
            case "|": return new Value(a.Bits | b.Bits, uns);
            case "^": return new Value(a.Bits ^ b.Bits, uns);
            case "&": return new Value(a.Bits & b.Bits, uns);
            case "==": return Value.Bool(a.Bits == b.Bits);
            case "!=": return Value.Bool(a.Bits != b.Bits);
            case "<": return Value.Bool(uns ? a.Bits < b.Bits : a.Signed < b.Signed);
            case ">": return Value.Bool(uns ? a.Bits > b.Bits : a.Signed > b.Signed);
            case "<=": return Value.Bool(uns ? a.Bits <= b.Bits : a.Signed <= b.Signed);
            case ">=": return Value.Bool(uns ? a.Bits >= b.Bits : a.Signed >= b.Signed);
            case "<<": return Shift(a, b, left: true);
            case ">>": return Shift(a, b, left: false);
            case "+": return new Value(unchecked(a.Bits + b.Bits), uns);
            case "-": return new Value(unchecked(a.Bits - b.Bits), uns);
            case "*": return new Value(unchecked(a.Bits * b.Bits), uns);
            default:
                if (b.Bits == 0)
                {
                    if (eval) throw new PpException("division by zero in #if", op);
                    return new Value(0, uns);
                }
                if (uns) return new Value(op.Text == "/" ? a.Bits / b.Bits : a.Bits % b.Bits, true);
                if (b.Signed == -1) return Value.Int(op.Text == "/" ? unchecked(-a.Signed) : 0);
                return Value.Int(op.Text == "/" ? a.Signed / b.Signed : a.Signed % b.Signed);
        }
    }

    private static Value Shift(Value a, Value b, bool left)
    {
        // A negative count shifts the other way, as GCC does; the result has the left operand's type.
        var count = b.Unsigned ? b.Bits : (ulong)Math.Abs(Math.Max(b.Signed, -long.MaxValue));
        if (!b.Unsigned && b.Signed < 0) left = !left;
        if (left) return new Value(count >= 64 ? 0 : a.Bits << (int)count, a.Unsigned);
        if (a.Unsigned) return new Value(count >= 64 ? 0 : a.Bits >> (int)count, true);
        return Value.Int(count >= 64 ? (a.Signed < 0 ? -1 : 0) : a.Signed >> (int)count);
    }

    private Value Unary(bool eval)
    {
        if (AtEnd) throw new PpException("#if with no expression", _end);
        var t = Peek;
        // parentheses and unary operators nest by recursion: refuse before the stack runs out
        if (!System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new PpException("#if expression nested too deeply", t);
        _pos++;
        switch (t.Kind)
        {
            case PpKind.Number: return ParseNumber(t);
            case PpKind.Char: return ParseChar(t);
            case PpKind.Identifier: return Value.Int(0);
            case PpKind.Punctuator:
                switch (t.Text)
                {
                    case "(":
                        if (!AtEnd && Peek.Is(")")) throw new PpException("missing expression between '(' and ')'", Peek);
                        var v = Comma(eval);
                        if (AtEnd) throw new PpException("missing ')' in expression", t);
                        if (!Peek.Is(")")) throw Unexpected(Peek);
                        _pos++;
                        return v;
                    case "+": return Operand(t, eval);
                    case "-": { var x = Operand(t, eval); return new Value(unchecked(0 - x.Bits), x.Unsigned); }
                    case "~": { var x = Operand(t, eval); return new Value(~x.Bits, x.Unsigned); }
                    case "!": return Value.Bool(!Operand(t, eval).IsTrue);
                }
                if (Precedence(t) >= 0 || t.Is("?") || t.Is(":") || t.Is(","))
                    throw new PpException($"operator '{t.Text}' has no left operand", t);
                break;
        }
        throw NotValid(t);
    }

    private Value Operand(PpToken op, bool eval)
    {
        if (AtEnd) throw new PpException($"operator '{op.Text}' has no right operand", _end);
        return Unary(eval);
    }

    private Value ParseNumber(PpToken t)
    {
        var s = t.Text;
        var end = s.Length;
        var unsignedSuffix = false;
        var longs = 0;
        while (end > 0)
        {
            var c = char.ToLowerInvariant(s[end - 1]);
            if (c == 'u' && !unsignedSuffix) { unsignedSuffix = true; end--; }
            else if (c == 'l' && longs < 2) { longs++; end--; }
            else break;
        }
        var digits = s[..end];
        var radix = 10;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) { radix = 16; digits = digits[2..]; }
        else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase)) { radix = 2; digits = digits[2..]; }
        else if (digits.Length > 1 && digits[0] == '0') { radix = 8; digits = digits[1..]; }
        if (digits.Contains('.') || (radix == 10 && (digits.Contains('e') || digits.Contains('E'))) || (radix == 16 && (digits.Contains('p') || digits.Contains('P'))))
            throw new PpException("floating constant in preprocessor expression", t);
        if (digits.Length == 0 && radix != 8) throw new PpException($"invalid suffix \"{s[(s.Length - end == 0 ? 1 : end)..]}\" on integer constant", t);
        ulong value = 0;
        var overflow = false;
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                if (radix == 8 && d < 10) throw new PpException($"invalid digit \"{c}\" in octal constant", t);
                if (radix == 2 && d < 10) throw new PpException($"invalid digit \"{c}\" in binary constant", t);
                throw new PpException($"invalid suffix \"{s[(s.Length - digits.Length + digits.IndexOf(c))..]}\" on integer constant", t);
            }
            var next = unchecked(value * (ulong)radix + (ulong)d);
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix) overflow = true;
            value = next;
        }
        // cpp goes on with the low 64 bits of a constant too large, signed unless it says 'u'; one too large to be
        // signed is unsigned, with a warning when decimal (cpp_interpret_integer)
        if (overflow)
        {
            _warnings?.Add(new PpException("integer constant is too large for its type", t) { Warning = true });
            return new Value(value, unsignedSuffix);
        }
        if (!unsignedSuffix && value > long.MaxValue && radix == 10)
            _warnings?.Add(new PpException("integer constant is so large that it is unsigned", t) { Warning = true });
        return new Value(value, unsignedSuffix || value > long.MaxValue);
    }

    private Value ParseChar(PpToken t)
    {
        var s = t.Text;
        var body = s[1..^1];
        if (body.Length == 0) throw new PpException("empty character constant", t);
        long value = 0;
        var count = 0;
        for (var i = 0; i < body.Length; count++)
        {
            int c = body[i++];
            if (c == '\\' && i < body.Length)
            {
                var e = body[i++];
                switch (e)
                {
                    case 'n': c = '\n'; break;
                    case 't': c = '\t'; break;
                    case 'r': c = '\r'; break;
                    case 'a': c = 7; break;
                    case 'b': c = 8; break;
                    case 'f': c = 12; break;
                    case 'v': c = 11; break;
                    case 'e' or 'E': c = 27; break;
                    case 'x':
                        c = 0;
                        while (i < body.Length && Uri.IsHexDigit(body[i])) c = (c << 4) | Convert.ToInt32(body[i++].ToString(), 16);
                        break;
                    default:
                        if (e is >= '0' and <= '7')
                        {
                            c = e - '0';
                            for (var k = 0; k < 2 && i < body.Length && body[i] is >= '0' and <= '7'; k++) c = c * 8 + body[i++] - '0';
                        }
                        else c = e;
                        break;
                }
            }
            value = (value << 8) | (uint)(c & 0xff);
        }
        // cpp's int holds four; it keeps the last four of a longer one
        if (count > 4) _warnings?.Add(new PpException("character constant too long for its type", t) { Warning = true });
        else if (count > 1) _warnings?.Add(new PpException("multi-character character constant [-Wmultichar]", t) { Warning = true });
        // A single plain char is signed (as on the hosts cpp runs on); several make an int.
        if (count == 1) value = (sbyte)(byte)value;
        else value = (int)(uint)value;
        return Value.Int(value);
    }
}
