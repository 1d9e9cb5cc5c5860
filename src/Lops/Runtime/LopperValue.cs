using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>
/// A property value as Lopper sees it: a list of strings or a list of integers, with Lopper's conversions
/// from lop text (<c>property_convert</c>), from property bytes (its type guess), back to bytes, and its
/// comparison rules (a single string value is a regex).
/// </summary>
public sealed partial class LopperValue
{
    private LopperValue(bool isText, IReadOnlyList<string> strings, IReadOnlyList<ulong> integers)
    {
        IsText = isText;
        Strings = strings;
        Integers = integers;
    }

    public bool IsText { get; }
    public IReadOnlyList<string> Strings { get; }
    public IReadOnlyList<ulong> Integers { get; }
    public int Count => IsText ? Strings.Count : Integers.Count;

    public static LopperValue OfStrings(params string[] s) => new(true, s, Array.Empty<ulong>());
    public static LopperValue OfIntegers(params ulong[] i) => new(false, Array.Empty<string>(), i);

    /// <summary>Lopper's <c>property_convert</c>: <c>&lt;1 0x2&gt;</c> is a list of integers, two or more quoted items
    /// a list of strings, a single item an integer when it parses as one (0x: hex), else the text as written.</summary>
    public static LopperValue FromText(string text)
    {
        if (text.StartsWith('<'))
        {
            var inner = text.Replace("<", "").Replace(">", "");
            var list = new List<ulong>();
            foreach (var item in inner.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                list.Add(ParseInteger(item) ?? throw new LopException($"cannot convert '{item}' in '{text}' to a number"));
            return new LopperValue(false, Array.Empty<string>(), list);
        }
        var quoted = Quoted().Matches(text);
        if (quoted.Count > 1) return new LopperValue(true, quoted.Select(m => m.Groups["s"].Value).ToList(), Array.Empty<ulong>());
        return ParseInteger(text) is { } n ? OfIntegers(n) : OfStrings(text);
    }

    /// <summary>Python's <c>int(s, 16 if "0x" in s else 10)</c> for the values lop files use.</summary>
    public static ulong? ParseInteger(string s)
    {
        var t = s.Trim();
        var negative = t.StartsWith('-');
        if (negative || t.StartsWith('+')) t = t[1..];
        ulong value;
        if (s.Contains("0x", StringComparison.Ordinal))
        {
            if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t[2..];
            if (!ulong.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)) return null;
        }
        else if (t.Length == 0 || !t.All(char.IsAsciiDigit) || !ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return null;
        }
        return negative ? unchecked((ulong)-(long)value) : value;
    }

    /// <summary>Lopper's reading of property bytes: printable NUL-terminated text is a string list, a whole
    /// number of cells is an integer list, an empty value is one empty string, anything else is bytes.</summary>
    public static LopperValue FromProperty(PropertyValue value)
    {
        var bytes = value.Bytes;
        if (bytes.Length == 0) return OfStrings("");
        if (LooksLikeStrings(bytes))
            return new LopperValue(true, Encoding.Latin1.GetString(bytes[..^1]).Split('\0'), Array.Empty<ulong>());
        if (bytes.Length % 4 == 0)
        {
            var ints = new ulong[bytes.Length / 4];
            for (var i = 0; i < ints.Length; i++) ints[i] = BinaryPrimitives.ReadUInt32BigEndian(bytes[(i * 4)..]);
            return OfIntegers(ints);
        }
        return OfIntegers(bytes.ToArray().Select(b => (ulong)b).ToArray());
    }

    private static bool LooksLikeStrings(ReadOnlySpan<byte> bytes)
    {
        if (bytes[^1] != 0 || bytes[0] == 0) return false;
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0) { if (i > 0 && bytes[i - 1] == 0) return false; continue; }
            if (b < 0x20 || b >= 0x7f) return false;
        }
        return true;
    }

    /// <summary>Bytes as Lopper writes them: strings NUL-terminated, integers as 32-bit cells.</summary>
    public PropertyValue ToProperty()
    {
        var v = new PropertyValue();
        if (IsText)
        {
            v.AddMarker(MarkerType.TypeString, null);
            foreach (var s in Strings) v.AppendString(s);
        }
        else
        {
            v.AddMarker(MarkerType.TypeUint32, null);
            foreach (var i in Integers) v.AppendInteger(i & 0xffffffff, 32);
        }
        return v;
    }

    /// <summary>Lopper's <c>LopperProp.compare</c> with this value as the lop's side: single against single or list,
    /// a string is a regex searched in the other's text; list against single, any element; list against list,
    /// equality.</summary>
    public bool Matches(LopperValue target)
    {
        if (Count == 1)
        {
            if (target.Count == 1)
            {
                if (IsText || target.IsText) return NodeQuery.Search(Text(0), target.Text(0));
                return Integers[0] == target.Integers[0];
            }
            for (var i = 0; i < target.Count; i++)
                if (IsText ? NodeQuery.Search(Strings[0], target.Text(i)) : !target.IsText && Integers[0] == target.Integers[i]) return true;
            return false;
        }
        if (target.Count == 1)
        {
            for (var i = 0; i < Count; i++)
                if (IsText ? NodeQuery.Search(Strings[i], target.Text(0)) : !target.IsText && Integers[i] == target.Integers[0]) return true;
            return false;
        }
        return IsText == target.IsText && (IsText ? Strings.SequenceEqual(target.Strings) : Integers.SequenceEqual(target.Integers));
    }

    /// <summary>Element <paramref name="i"/> as text, as Python would print it.</summary>
    public string Text(int i) => IsText ? Strings[i] : Integers[i].ToString(CultureInfo.InvariantCulture);

    public override string ToString() => IsText ? string.Join(",", Strings.Select(s => $"\"{s}\"")) : "<" + string.Join(" ", Integers.Select(i => $"0x{i:x}")) + ">";

    [GeneratedRegex(@"(?<q>['""])(?<s>.*?)(?<!\\)\k<q>")]
    private static partial Regex Quoted();
}
