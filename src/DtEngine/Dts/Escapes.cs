using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>C string escapes as dtc decodes them (util.c get_escape_char).</summary>
internal static class Escapes
{
    /// <summary>
    /// Decodes escapes in <paramref name="s"/> (without the NUL dtc appends) into a new array; null when
    /// there is no backslash, so the source bytes themselves are the value.
    /// </summary>
    public static byte[]? DecodeIfEscaped(ReadOnlySpan<byte> s) => DecodeIfEscaped(s, s.Length);

    /// <summary>The same for the first <paramref name="length"/> bytes of <paramref name="s"/>: an escape at their end
    /// reads on into the rest (dtc decodes a character literal <c>'\'</c> as its closing quote).</summary>
    private static byte[]? DecodeIfEscaped(ReadOnlySpan<byte> s, int length)
    {
        if (s[..length].IndexOf((byte)'\\') < 0) return null;
        var buffer = new byte[length];
        var n = 0;
        var i = 0;
        while (i < length)
        {
            var c = s[i++];
            if (c == (byte)'\\') c = DecodeEscape(s, ref i);
            buffer[n++] = c;
        }
        return buffer.AsSpan(0, n).ToArray();
    }

    /// <summary>Decodes escapes in <paramref name="s"/> and appends a terminating NUL.</summary>
    public static PropertyValue DecodeString(ReadOnlySpan<byte> s) => DecodeString(s, s.Length);

    /// <summary>The same for the first <paramref name="length"/> bytes of <paramref name="s"/>, an escape at their end
    /// reading on into the rest.</summary>
    public static PropertyValue DecodeString(ReadOnlySpan<byte> s, int length)
    {
        var d = new PropertyValue();
        d.AddMarker(MarkerType.TypeString, null);
        var decoded = DecodeIfEscaped(s, length);
        d.Append(decoded is null ? s[..length] : decoded);
        d.AppendByte(0);
        return d;
    }

    private static byte DecodeEscape(ReadOnlySpan<byte> s, ref int i)
    {
        if (i >= s.Length) return 0;
        var c = s[i];
        var j = i + 1;
        byte val;
        switch ((char)c)
        {
            case 'a': val = 7; break;
            case 'b': val = 8; break;
            case 't': val = 9; break;
            case 'n': val = 10; break;
            case 'v': val = 11; break;
            case 'f': val = 12; break;
            case 'r': val = 13; break;
            case >= '0' and <= '7':
            {
                j = i;
                var v = 0;
                var count = 0;
                while (count < 3 && j < s.Length && s[j] >= '0' && s[j] <= '7')
                {
                    v = v * 8 + (s[j] - '0');
                    j++;
                    count++;
                }
                val = (byte)v;
                break;
            }
            case 'x':
            {
                // dtc hands the next two characters to strtol(.., 16): blanks and a sign before the digits count
                Span<char> window = stackalloc char[2];
                var length = Math.Min(2, s.Length - j);
                for (var k = 0; k < length; k++) window[k] = (char)s[j + k];
                var v = IO.CNumber.Strtol(window[..length], 16, out var read);
                if (read == 0) throw new Diagnostics.DtFatalException("\\x used with no following hex digits");
                val = unchecked((byte)v);
                j += read;
                break;
            }
            default: val = c; break;
        }
        i = j;
        return val;
    }
}
