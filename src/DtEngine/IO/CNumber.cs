namespace Viommu.DtEngine.IO;

/// <summary>
/// C's strtol and strtoul (C locale), for text that dtc and libfdt read with them: blanks and a sign first, base 0
/// taking a <c>0x</c> or <c>0</c> prefix, digits up to the first character that is not one, out of range saturating.
/// </summary>
public static class CNumber
{
    /// <summary>strtol(s, &amp;end, radix): <paramref name="end"/> is where reading stopped, 0 when no digit was read
    /// (C's end = s).</summary>
    public static long Strtol(ReadOnlySpan<char> s, int radix, out int end)
    {
        var (magnitude, negative, overflow) = Read(s, radix, out end);
        if (negative) return overflow || magnitude > 1UL << 63 ? long.MinValue : unchecked(-(long)magnitude);
        return overflow || magnitude > long.MaxValue ? long.MaxValue : (long)magnitude;
    }

    /// <summary>strtoul(s, &amp;end, radix): as <see cref="Strtol"/>, but a sign negates the unsigned number, and one out
    /// of range is ulong's limit whatever its sign.</summary>
    public static ulong Strtoul(ReadOnlySpan<char> s, int radix, out int end)
    {
        var (magnitude, negative, overflow) = Read(s, radix, out end);
        if (overflow) return ulong.MaxValue;
        return negative ? unchecked(0 - magnitude) : magnitude;
    }

    private static (ulong Magnitude, bool Negative, bool Overflow) Read(ReadOnlySpan<char> s, int radix, out int end)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\v' or '\f' or '\r') i++;
        var negative = i < s.Length && s[i] == '-';
        if (i < s.Length && s[i] is '-' or '+') i++;
        // "0x" counts as a prefix only before a hex digit; otherwise the 0 is the number
        var hexPrefix = i + 2 < s.Length && s[i] == '0' && s[i + 1] is 'x' or 'X' && Digit(s[i + 2]) < 16;
        if (radix == 0) radix = hexPrefix ? 16 : i < s.Length && s[i] == '0' ? 8 : 10;
        if (radix == 16 && hexPrefix) i += 2;
        var start = i;
        ulong magnitude = 0;
        var overflow = false;
        for (; i < s.Length; i++)
        {
            var digit = Digit(s[i]);
            if (digit >= radix) break;
            if (magnitude > (ulong.MaxValue - digit) / (uint)radix) overflow = true;
            else magnitude = magnitude * (uint)radix + digit;
        }
        end = i > start ? i : 0;
        return (magnitude, negative, overflow);
    }

    private static uint Digit(char c) => c switch
    {
        >= '0' and <= '9' => (uint)(c - '0'),
        >= 'a' and <= 'z' => (uint)(c - 'a' + 10),
        >= 'A' and <= 'Z' => (uint)(c - 'A' + 10),
        _ => 99,
    };
}
