namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// C's escape sequences as cpp reads them in character constants and string literals: the simple ones (with GNU
/// <c>\e</c>), up to three octal digits, any number of hexadecimal digits; a value keeps its low eight bits.
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
        switch (e)
        {
            case '\\' or '"' or '\'' or '?': value = e; return true;
            case 'a': value = 7; return true;
            case 'b': value = 8; return true;
            case 'f': value = 12; return true;
            case 'n': value = '\n'; return true;
            case 'r': value = '\r'; return true;
            case 't': value = '\t'; return true;
            case 'v': value = 11; return true;
            case 'e' or 'E': value = 27; return true;
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

    /// <summary>The value of a hexadecimal digit (the caller knows it is one).</summary>
    public static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
