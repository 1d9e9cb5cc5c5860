using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Viommu.SmmuModel.Scenario;

/// <summary>Typed reads of YAML nodes that fail with located messages.</summary>
internal sealed class YamlValues
{
    private readonly string _file;

    public YamlValues(string file) => _file = file;

    public ScenarioException Error(YamlNode node, string message) =>
        new(_file, node.Start.Line, node.Start.Column, message);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode { Value: { } v } ? v : throw Error(node, $"{what} must be a scalar");

    /// <summary>Iterates a mapping's keys, rejecting keys not in <paramref name="allowed"/> and duplicates.</summary>
    public IEnumerable<(string Key, YamlNode KeyNode, YamlNode Value)> Entries(YamlMappingNode map, string what,
        params string[] allowed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (k, v) in map.Children)
        {
            var key = Scalar(k, $"a key of {what}");
            if (Array.IndexOf(allowed, key) < 0)
                throw Error(k, $"unknown key '{key}' in {what} (expected one of: {string.Join(", ", allowed)})");
            if (!seen.Add(key)) throw Error(k, $"duplicate key '{key}' in {what}");
            yield return (key, k, v);
        }
    }

    /// <summary>An unsigned integer: decimal, 0x hex, 0o octal or 0b binary, underscores allowed.</summary>
    public ulong Unsigned(YamlNode node, string what, ulong max = ulong.MaxValue)
    {
        var text = Scalar(node, what).Replace("_", "", StringComparison.Ordinal).Trim();
        ulong value;
        bool ok;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            ok = ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (text.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
            ok = TryParseBase(text.AsSpan(2), 2, out value);
        else if (text.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
            ok = TryParseBase(text.AsSpan(2), 8, out value);
        else
            ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (!ok) throw Error(node, $"{what} must be an unsigned integer, not '{Scalar(node, what)}'");
        if (value > max) throw Error(node, $"{what} {text} is out of range (at most 0x{max:x})");
        return value;
    }

    public bool Boolean(YamlNode node, string what) => Scalar(node, what).Trim().ToLowerInvariant() switch
    {
        "true" or "yes" or "on" or "1" => true,
        "false" or "no" or "off" or "0" => false,
        _ => throw Error(node, $"{what} must be true or false"),
    };

    private static bool TryParseBase(ReadOnlySpan<char> digits, int radix, out ulong value)
    {
        value = 0;
        if (digits.IsEmpty) return false;
        foreach (var c in digits)
        {
            var d = c - '0';
            if (d < 0 || d >= radix) return false;
            if (value > (ulong.MaxValue - (ulong)d) / (ulong)radix) return false;
            value = value * (ulong)radix + (ulong)d;
        }
        return true;
    }
}
