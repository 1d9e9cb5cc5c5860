using System.Buffers;
using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// The value of a character constant in <c>#if</c>, as GNU cpp 12 interprets one for an x86-64 Linux target:
/// <c>'c'</c> (chars of 8 bits, signed; several make an int of their last four), <c>L'c'</c> (wchar_t: 32 bits,
/// signed), <c>u'c'</c> (char16_t, UTF-16, unsigned) and <c>U'c'</c> (char32_t, unsigned); a wide one is its last code
/// unit. Source bytes are UTF-8 (a wide constant decodes them); escapes and universal character names are read with
/// cpp's warnings and errors, in cpp's order.
/// </summary>
internal static class CharConstant
{
    private enum Kind { Narrow, Wide, Utf16, Utf32 }

    /// <summary>A message about the constant: its text, and whether it is an error rather than a warning.</summary>
    public delegate void Report(string message, bool error);

    /// <summary>The value and whether #if takes it as unsigned; <paramref name="assembler"/> is cpp's
    /// assembler-with-cpp, where universal character names draw a warning.</summary>
    public static (long Value, bool Unsigned) Evaluate(string text, bool assembler, Report report)
    {
        var prefix = text.IndexOf('\'');
        var kind = text[..prefix] switch { "L" => Kind.Wide, "u" => Kind.Utf16, "U" => Kind.Utf32, _ => Kind.Narrow };
        var body = text[(prefix + 1)..^1];
        if (body.Length == 0)
        {
            report("empty character constant", true);
            return (0, false);
        }
        var width = kind switch { Kind.Narrow => 8, Kind.Utf16 => 16, _ => 32 };
        var units = new List<ulong>();
        for (var i = 0; i < body.Length;)
        {
            if (body[i] != '\\')
            {
                if (kind == Kind.Narrow) units.Add(body[i++]);
                else Encode(DecodeUtf8(body, ref i), kind, units, report);
                continue;
            }
            i++;
            if (i >= body.Length) { units.Add('\\'); break; } // cannot happen in a lexed constant
            var letter = body[i++];
            switch (letter)
            {
                case 'x':
                    Hex(body, ref i, width, units, report);
                    break;
                case >= '0' and <= '7':
                    Octal(body, ref i, letter, width, units, report);
                    break;
                case 'u' or 'U':
                    Encode(UniversalCharacter(body, ref i, letter, assembler, report), kind, units, report);
                    break;
                default:
                    units.Add(Simple(letter, report));
                    break;
            }
        }
        return Fold(units, kind, report);
    }

    /// <summary>A <c>\x</c> escape (the x read): any number of digits, one code unit of <paramref name="width"/> bits
    /// (cpp warns when the digits do not fit); none is an error that adds no unit.</summary>
    private static void Hex(string body, ref int i, int width, List<ulong> units, Report report)
    {
        var mask = (1UL << width) - 1;
        var start = i;
        ulong value = 0;
        var overflow = false;
        for (; i < body.Length && char.IsAsciiHexDigit(body[i]); i++)
        {
            overflow |= value > mask >> 4; // this digit takes it past the width
            value = (value << 4) | (uint)EscapeSequence.HexValue(body[i]);
        }
        if (i == start)
        {
            report("\\x used with no following hex digits", true);
            return;
        }
        if (overflow) report("hex escape sequence out of range", false);
        units.Add(value & mask);
    }

    /// <summary>An octal escape (its first digit read): up to three digits, one code unit.</summary>
    private static void Octal(string body, ref int i, char first, int width, List<ulong> units, Report report)
    {
        var mask = (1UL << width) - 1;
        var value = (ulong)(first - '0');
        for (var k = 0; k < 2 && i < body.Length && body[i] is >= '0' and <= '7'; k++) value = value * 8 + (ulong)(body[i++] - '0');
        if (value > mask) report("octal escape sequence out of range", false);
        units.Add(value & mask);
    }

    /// <summary>A one-letter escape's value; an unknown letter is itself, with cpp's warning.</summary>
    private static ulong Simple(char letter, Report report)
    {
        if (EscapeSequence.Simple(letter) is { } value) return (ulong)value;
        report(EscapeSequence.UnknownMessage(letter), false);
        return letter;
    }

    /// <summary>A <c>\u</c> or <c>\U</c> name (the letter read): its code point, checked as cpp checks one.</summary>
    private static uint UniversalCharacter(string body, ref int i, char letter, bool assembler, Report report)
    {
        var length = letter == 'u' ? 4 : 8;
        var start = i;
        uint value = 0;
        while (i - start < length && i < body.Length && char.IsAsciiHexDigit(body[i])) value = (value << 4) | (uint)EscapeSequence.HexValue(body[i++]);
        var spelled = "\\" + letter + body[start..i];
        if (assembler) report("universal character names are only valid in C++ and C99", false);
        // a name cpp refuses stands for U+0001, so that one error is all it gives
        if (i - start < length)
        {
            report($"incomplete universal character name {spelled}", true);
            return 1;
        }
        if (value > 0x10FFFF) report($"{spelled} is outside the UCS codespace", false);
        else if ((value < 0xA0 && value is not (0x24 or 0x40 or 0x60)) || value is >= 0xD800 and <= 0xDFFF)
        {
            report($"{spelled} is not a valid universal character", true);
            return 1;
        }
        return value;
    }

    /// <summary>A code point as the constant's code units: UTF-8 bytes, UTF-16 units or itself.</summary>
    private static void Encode(uint codePoint, Kind kind, List<ulong> units, Report report)
    {
        switch (kind)
        {
            case Kind.Narrow:
                // UTF-8's pattern, continued past U+10FFFF as cpp's converter does
                if (codePoint < 0x80) units.Add(codePoint);
                else if (codePoint < 0x800) { units.Add(0xC0 | codePoint >> 6); units.Add(0x80 | (codePoint & 0x3F)); }
                else if (codePoint < 0x10000)
                {
                    units.Add(0xE0 | codePoint >> 12);
                    units.Add(0x80 | ((codePoint >> 6) & 0x3F));
                    units.Add(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    units.Add(0xF0 | ((codePoint >> 18) & 0x07));
                    units.Add(0x80 | ((codePoint >> 12) & 0x3F));
                    units.Add(0x80 | ((codePoint >> 6) & 0x3F));
                    units.Add(0x80 | (codePoint & 0x3F));
                }
                break;
            case Kind.Utf16:
                if (codePoint > 0x10FFFF)
                    report("converting UCN to execution character set: Invalid or incomplete multibyte or wide character", true);
                else if (codePoint >= 0x10000)
                {
                    units.Add(0xD800 | ((codePoint - 0x10000) >> 10));
                    units.Add(0xDC00 | ((codePoint - 0x10000) & 0x3FF));
                }
                else units.Add(codePoint);
                break;
            default:
                units.Add(codePoint);
                break;
        }
    }

    /// <summary>The code point of the UTF-8 sequence at <paramref name="i"/> (source bytes, one char each); a byte
    /// that starts no sequence is taken as itself.</summary>
    private static uint DecodeUtf8(string body, ref int i)
    {
        var end = Math.Min(body.Length, i + 4);
        Span<byte> bytes = stackalloc byte[4];
        var n = 0;
        for (var k = i; k < end; k++) bytes[n++] = (byte)body[k];
        if (Rune.DecodeFromUtf8(bytes[..n], out var rune, out var consumed) == OperationStatus.Done)
        {
            i += consumed;
            return (uint)rune.Value;
        }
        return body[i++];
    }

    /// <summary>The constant's value from its code units, with cpp's warnings about their number.</summary>
    private static (long Value, bool Unsigned) Fold(List<ulong> units, Kind kind, Report report)
    {
        if (kind == Kind.Narrow)
        {
            long value = 0;
            foreach (var u in units) value = (value << 8) | (long)(u & 0xff);
            // cpp's int holds four; it keeps the last four of a longer one
            if (units.Count > 4) report("character constant too long for its type", false);
            else if (units.Count > 1) report("multi-character character constant [-Wmultichar]", false);
            // a single plain char is signed (as on the hosts cpp runs on); several make an int
            return (units.Count == 1 ? (sbyte)(byte)value : (int)(uint)value, false);
        }
        if (units.Count > 1) report("character constant too long for its type", false);
        var last = units.Count == 0 ? 0 : units[^1];
        return kind == Kind.Wide ? ((int)(uint)last, false) : ((long)last, true);
    }
}
