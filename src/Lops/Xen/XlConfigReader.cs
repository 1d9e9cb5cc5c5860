using System.Globalization;
using System.Text;

namespace Viommu.Lops.Xen;

/// <summary>A malformed xl.cfg; the message starts with file:line:column.</summary>
public sealed class XlConfigException : Exception
{
    public XlConfigException(string message) : base(message) { }
}

/// <summary>One xl.cfg setting: a string, a number or a list of them, with where it was written.</summary>
public sealed record XlSetting(string Key, IReadOnlyList<string> Values, bool IsList, int Line, int Column);

/// <summary>
/// Reads xl.cfg files (libxl's syntax: <c>KEY = VALUE</c> where a value is a quoted string, a number or a
/// bracketed list of them, lists may span lines, <c>#</c> starts a comment, <c>;</c> may end a setting) and the
/// <c>iommu_devid_map</c> entries.
/// </summary>
public static class XlConfigReader
{
    public static IReadOnlyList<XlSetting> Parse(string text, string file)
    {
        var settings = new List<XlSetting>();
        var i = 0;
        var line = 1;
        var lineStart = 0;
        XlConfigException Error(string message) => new($"{file}:{line}:{i - lineStart + 1}: error: {message}");
        void SkipSpace(bool newlines)
        {
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '#') { while (i < text.Length && text[i] != '\n') i++; continue; }
                if (c == '\n') { if (!newlines) return; line++; i++; lineStart = i; continue; }
                if (c is ' ' or '\t' or '\r') { i++; continue; }
                return;
            }
        }
        string Value()
        {
            if (i >= text.Length) throw Error("a value is missing");
            if (text[i] is '"' or '\'')
            {
                var quote = text[i++];
                var sb = new StringBuilder();
                while (i < text.Length && text[i] != quote)
                {
                    if (text[i] == '\n') throw Error("unterminated string");
                    if (text[i] == '\\' && i + 1 < text.Length) i++;
                    sb.Append(text[i++]);
                }
                if (i >= text.Length) throw Error("unterminated string");
                i++;
                return sb.ToString();
            }
            var start = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '_' or '-' or '+')) i++;
            if (i == start) throw Error($"unexpected '{text[i]}'");
            return text[start..i];
        }
        while (true)
        {
            SkipSpace(true);
            if (i >= text.Length) break;
            if (text[i] == ';') { i++; continue; }
            var keyLine = line;
            var keyColumn = i - lineStart + 1;
            var keyStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_')) i++;
            if (i == keyStart) throw Error($"expected a setting name, found '{text[i]}'");
            var key = text[keyStart..i];
            SkipSpace(false);
            if (i >= text.Length || text[i] != '=') throw Error($"expected '=' after '{key}'");
            i++;
            SkipSpace(false);
            if (i < text.Length && text[i] == '[')
            {
                i++;
                var values = new List<string>();
                while (true)
                {
                    SkipSpace(true);
                    if (i >= text.Length) throw Error($"unterminated list for '{key}'");
                    if (text[i] == ']') { i++; break; }
                    values.Add(Value());
                    SkipSpace(true);
                    if (i >= text.Length) throw Error($"unterminated list for '{key}'");
                    if (text[i] == ',') { i++; continue; }
                    if (i < text.Length && text[i] == ']') { i++; break; }
                    throw Error($"expected ',' or ']' in the list for '{key}'");
                }
                settings.Add(new XlSetting(key, values, true, keyLine, keyColumn));
            }
            else settings.Add(new XlSetting(key, new[] { Value() }, false, keyLine, keyColumn));
            SkipSpace(false);
            if (i < text.Length && text[i] == ';') i++;
            SkipSpace(false);
            if (i < text.Length && text[i] != '\n') throw Error($"unexpected '{text[i]}' after the value of '{key}'");
        }
        return settings;
    }

    /// <summary>The entries of <c>iommu_devid_map</c>: <c>"PSID[@VSID],SMMU_BASE"</c>, numbers in C notation.</summary>
    public static List<DevidMapEntry> DevidMap(XlSetting setting, string file)
    {
        var result = new List<DevidMapEntry>();
        foreach (var v in setting.Values)
        {
            var comma = v.IndexOf(',');
            XlConfigException Bad(string why) => new($"{file}:{setting.Line}:{setting.Column}: error: iommu_devid_map entry \"{v}\": {why}");
            if (comma < 0) throw Bad("expected \"PSID[@VSID],SMMU_BASE\"");
            var ids = v[..comma];
            var at = ids.IndexOf('@');
            var psid = Number(at < 0 ? ids : ids[..at]) ?? throw Bad("the pSID is not a number");
            var vsid = at < 0 ? psid : Number(ids[(at + 1)..]) ?? throw Bad("the vSID is not a number");
            var smmuBase = Number(v[(comma + 1)..]) ?? throw Bad("the SMMU base is not a number");
            if (psid > uint.MaxValue || vsid > uint.MaxValue) throw Bad("a StreamID does not fit in 32 bits");
            result.Add(new DevidMapEntry((uint)psid, (uint)vsid, smmuBase));
        }
        return result;
    }

    /// <summary>C notation: 0x hex, 0 octal, else decimal.</summary>
    public static ulong? Number(string s)
    {
        s = s.Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        if (s.Length > 1 && s[0] == '0')
        {
            ulong o = 0;
            foreach (var c in s[1..]) { if (c is < '0' or > '7') return null; o = checked(o * 8 + (ulong)(c - '0')); }
            return o;
        }
        return s.Length > 0 && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
