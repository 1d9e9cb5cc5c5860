namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// C's escape sequences as cpp reads them in string literals (a #line name): the simple ones (with GNU's), up to three
/// octal digits, any number of hexadecimal digits; a value keeps its low eight bits. Character constants, whose
/// escapes have wider values and more messages, are <see cref="CharConstant"/>'s.
/// </summary>
internal static class EscapeSequence
{
    /// <summary>
    /// Reads the escape whose letter is at <paramref name="i"/> (just past the backslash) and moves past it. False for
    /// one C gives no meaning: <paramref name="value"/> is then the letter itself, or 0 for <c>\x</c> without digits.
    /// </summary>
    public static bool TryRead(string s, ref int i, out int value)
    {
        var e = s[i++];
        if (Simple(e) is { } simple)
        {
            value = simple;
            return true;
        }
        switch (e)
        {
            case >= '0' and <= '7':
                value = e - '0';
                for (var k = 0; k < 2 && i < s.Length && s[i] is >= '0' and <= '7'; k++) value = value * 8 + (s[i++] - '0');
                value &= 0xff;
                return true;
            case 'x':
                var digits = i;
                value = 0;
                while (i < s.Length && char.IsAsciiHexDigit(s[i])) value = unchecked(value * 16 + HexValue(s[i++]));
                value &= 0xff;
                return i > digits;
            default:
                value = e;
                return false;
        }
    }

    /// <summary>The value of a one-letter escape (the letter after the backslash), or null for the others and for a
    /// letter C gives no meaning. GNU's <c>\e</c> and <c>\E</c> are ESC; <c>\(</c>, <c>\{</c>, <c>\[</c> and <c>\%</c>
    /// are their character, which cpp accepts for Emacs' sake (warning only under -pedantic).</summary>
    public static int? Simple(char letter) => letter switch
    {
        '\\' or '"' or '\'' or '?' or '(' or '{' or '[' or '%' => letter,
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        'v' => 11,
        'e' or 'E' => 27,
        _ => null,
    };

    /// <summary>cpp's warning for an escape it does not know: the letter, or its code in three octal digits when it is
    /// not a printable character (isgraph).</summary>
    public static string UnknownMessage(char letter) => letter is > ' ' and < '\u007f'
        ? $"unknown escape sequence: '\\{letter}'"
        : $"unknown escape sequence: '\\{Convert.ToString(letter & 0xff, 8).PadLeft(3, '0')}'";

    /// <summary>The value of a hexadecimal digit (the caller knows it is one).</summary>
    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
