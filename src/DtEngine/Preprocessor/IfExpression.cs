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
    private readonly bool _assembler;

    private IfExpression(IReadOnlyList<PpToken> tokens, PpToken end, List<PpException>? warnings, bool assembler)
    {
        _tokens = tokens;
        _end = end;
        _warnings = warnings;
        _assembler = assembler;
    }

    /// <summary>
    /// True when the expression is non-zero; throws <see cref="PpException"/> on a bad expression. Warnings found
    /// before the value or the error (multi-character constants) are added to <paramref name="warnings"/>.
    /// </summary>
    public static bool Evaluate(IReadOnlyList<PpToken> tokens, PpToken directive, PpToken end, List<PpException>? warnings = null,
        bool assembler = false)
    {
        if (tokens.Count == 0) throw new PpException($"#{directive.Text} with no expression", end);
        var e = new IfExpression(tokens, end, warnings, assembler);
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
            var result = Apply(op, left, right, eval);
            if (eval && Overflows(op.Text, left, right, result)) OverflowWarning();
            left = result;
        }
        return left;
    }

    private Value Apply(PpToken op, Value a, Value b, bool eval)
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
                    // cpp's error, and the left operand as the result (num_div_op)
                    if (eval) Invalid("division by zero in #if", op);
                    return new Value(a.Bits, uns);
                }
                if (uns) return new Value(op.Text == "/" ? a.Bits / b.Bits : a.Bits % b.Bits, true);
                if (b.Signed == -1) return Value.Int(op.Text == "/" ? unchecked(-a.Signed) : 0);
                return Value.Int(op.Text == "/" ? a.Signed / b.Signed : a.Signed % b.Signed);
        }
    }

    /// <summary>
    /// Whether a signed result overflowed, as cpp computes it: a sum or difference with the wrong sign, a product
    /// that does not fit, the most negative value divided by -1, a left shift that loses bits (all of them at 64 and
    /// more, when the value is not 0).
    /// </summary>
    private static bool Overflows(string op, Value a, Value b, Value result)
    {
        if (a.Unsigned || b.Unsigned && op is not ("<<" or ">>")) return false;
        switch (op)
        {
            case "+": return (a.Signed < 0) == (b.Signed < 0) && (result.Signed < 0) != (a.Signed < 0);
            case "-": return (a.Signed < 0) != (b.Signed < 0) && (result.Signed < 0) != (a.Signed < 0);
            case "*":
                var product = (Int128)a.Signed * b.Signed;
                return product > long.MaxValue || product < long.MinValue;
            case "/": return a.Signed == long.MinValue && !b.Unsigned && b.Signed == -1;
            case "<<" or ">>":
                // a negative count shifts the other way
                var left = op == "<<" == (b.Unsigned || b.Signed >= 0);
                if (!left) return false;
                var count = b.Unsigned || b.Signed >= 0 ? b.Bits : (ulong)-Math.Max(b.Signed, -long.MaxValue);
                return count >= 64 ? a.Bits != 0 : a.Signed << (int)count >> (int)count != a.Signed;
            default: return false;
        }
    }

    /// <summary>cpp's warning for an overflow, at the token that ends the operation's right operand.</summary>
    private void OverflowWarning() =>
        _warnings?.Add(new PpException("integer overflow in preprocessor expression", AtEnd ? _end : Peek) { Warning = true });

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
                    case "-":
                    {
                        var x = Operand(t, eval);
                        // only the most negative value is its own negation
                        if (eval && !x.Unsigned && x.Signed == long.MinValue) OverflowWarning();
                        return new Value(unchecked(0 - x.Bits), x.Unsigned);
                    }
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

    /// <summary>
    /// A number's value, classified as cpp_classify_number does. A bad one (a float, an imaginary number, a bad digit
    /// or suffix) is cpp's error, after which the expression goes on with 0 in its place.
    /// </summary>
    private Value ParseNumber(PpToken t)
    {
        var s = t.Text;
        char At(int k) => k < s.Length ? s[k] : '\0';
        var i = 0;
        var radix = 10;
        if (s[0] == '0')
        {
            radix = 8;
            i = 1;
            if (At(1) is 'x' or 'X' && (At(2) == '.' || char.IsAsciiHexDigit(At(2)))) (radix, i) = (16, 2);
            else if (At(1) is 'b' or 'B' && At(2) is '0' or '1') (radix, i) = (2, 2);
        }
        var digitsStart = i;
        var maxDigit = 0;
        var seenDigit = false;
        var point = false;
        var exponent = false;
        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (char.IsAsciiDigit(c) || (radix == 16 && char.IsAsciiHexDigit(c)))
            {
                seenDigit = true;
                maxDigit = Math.Max(maxDigit, EscapeSequence.HexValue(c));
            }
            else if (c == '.')
            {
                if (point) return Invalid("too many decimal points in number", t);
                point = true;
            }
            else if ((radix <= 10 && c is 'e' or 'E') || (radix == 16 && c is 'p' or 'P'))
            {
                exponent = true;
                i++;
                break;
            }
            else break;
        }
        var isFloat = point || exponent;
        if (!isFloat && radix != 16 && IsFixedPointSuffix(s[i..])) return Invalid("floating constant in preprocessor expression", t);
        if (isFloat && radix == 8) radix = 10;
        if (maxDigit >= radix)
            return Invalid($"invalid digit \"{(char)('0' + maxDigit)}\" in {(radix == 2 ? "binary" : "octal")} constant", t);
        if (isFloat)
        {
            if (radix == 2) return Invalid("invalid prefix \"0b\" for floating constant", t);
            if (radix == 16 && !seenDigit) return Invalid("no digits in hexadecimal floating constant", t);
            if (exponent)
            {
                if (At(i) is '+' or '-') i++;
                if (!char.IsAsciiDigit(At(i))) return Invalid("exponent has no digits", t);
                while (char.IsAsciiDigit(At(i))) i++;
            }
            else if (radix == 16) return Invalid("hexadecimal floating constants require an exponent", t);
            return Invalid(IsFloatSuffix(s[i..]) ? "floating constant in preprocessor expression" : $"invalid suffix \"{s[i..]}\" on floating constant", t);
        }
        var suffix = s[i..];
        if (!IsIntegerSuffix(suffix, out var unsignedSuffix, out var imaginary)) return Invalid($"invalid suffix \"{suffix}\" on integer constant", t);
        if (imaginary) return Invalid("imaginary number in preprocessor expression", t);
        ulong value = 0;
        var overflow = false;
        foreach (var c in s.AsSpan(digitsStart, i - digitsStart))
        {
            var d = (ulong)EscapeSequence.HexValue(c);
            if (value > (ulong.MaxValue - d) / (ulong)radix) overflow = true;
            value = unchecked(value * (ulong)radix + d);
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

    /// <summary>cpp's error about an operand that it then reads as 0, the expression going on.</summary>
    private Value Invalid(string message, PpToken t)
    {
        var error = new PpException(message, t);
        if (_warnings is null) throw error;
        _warnings.Add(error);
        return Value.Int(0);
    }

    /// <summary>cpp's integer suffixes (interpret_int_suffix, C): at most one u, one l or an adjacent ll of one case,
    /// and one i or j (an imaginary number).</summary>
    private static bool IsIntegerSuffix(string suffix, out bool unsignedSuffix, out bool imaginary)
    {
        int u = 0, l = 0, im = 0;
        for (var k = suffix.Length - 1; k >= 0; k--)
        {
            switch (suffix[k])
            {
                case 'u' or 'U': u++; break;
                case 'i' or 'I' or 'j' or 'J': im++; break;
                case 'l' or 'L':
                    if (++l == 2 && (k + 1 >= suffix.Length || suffix[k] != suffix[k + 1])) goto default;
                    break;
                default:
                    (unsignedSuffix, imaginary) = (false, false);
                    return false;
            }
        }
        (unsignedSuffix, imaginary) = (u == 1, im == 1);
        return l <= 2 && u <= 1 && im <= 1;
    }

    /// <summary>A floating constant's suffix cpp knows (f, l, d, w, q, df/dd/dl, fN and fNx, the fixed-point ones),
    /// with an i or j before or after for an imaginary number.</summary>
    private static bool IsFloatSuffix(string suffix)
    {
        if (IsFixedPointSuffix(suffix)) return true;
        var core = suffix;
        if (core.Length > 0 && core[0] is 'i' or 'I' or 'j' or 'J') core = core[1..];
        else if (core.Length > 0 && core[^1] is 'i' or 'I' or 'j' or 'J') core = core[..^1];
        return core is "" or "f" or "F" or "l" or "L" or "d" or "D" or "w" or "W" or "q" or "Q"
            or "df" or "DF" or "dd" or "DD" or "dl" or "DL"
            || (core.Length > 0 && core[0] is 'f' or 'F' && core[1..] is "16" or "32" or "64" or "128" or "32x" or "64x" or "128x");
    }

    /// <summary>A fixed-point suffix (TR 18037): an optional u, then h, l, ll or LL, then r or k.</summary>
    private static bool IsFixedPointSuffix(string suffix)
    {
        var k = 0;
        if (k < suffix.Length && suffix[k] is 'u' or 'U') k++;
        if (k < suffix.Length && suffix[k] is 'h' or 'H') k++;
        else if (k + 1 < suffix.Length && suffix[k] is 'l' or 'L' && suffix[k + 1] == suffix[k]) k += 2;
        else if (k < suffix.Length && suffix[k] is 'l' or 'L') k++;
        return k == suffix.Length - 1 && suffix[k] is 'r' or 'R' or 'k' or 'K';
    }

    private Value ParseChar(PpToken t)
    {
        var (value, unsigned) = CharConstant.Evaluate(t.Text, _assembler, (message, error) =>
        {
            var found = new PpException(message, t) { Warning = !error };
            if (_warnings is null) { if (error) throw found; }
            else _warnings.Add(found);
        });
        return new Value(unchecked((ulong)value), unsigned);
    }
}
