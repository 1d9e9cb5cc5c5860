using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using Viommu.SmmuModel.Yaml;

namespace Viommu.Lops.Runtime;

/// <summary>Raised for a YAML input that is malformed or does not follow its schema; the message starts with file:line:column.</summary>
public sealed class YamlInputException : Exception
{
    public YamlInputException(string message) : base(message) { }
}

/// <summary>Loading one YAML document with positions, and small typed accessors that fail with file:line:column.</summary>
public static class YamlDocument
{
    /// <summary>The root node of the first document of <paramref name="text"/>; aliases, characters YAML does not
    /// allow and deep nesting are refused first (<see cref="YamlPrecheck"/>).</summary>
    public static YamlNode Load(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            if (YamlPrecheck.FindProblem(text) is { } problem)
                throw new YamlInputException($"{file}:{problem.Line}:{problem.Column}: error: {problem.Message}");
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new YamlInputException($"{file}:{e.Start.Line}:{e.Start.Column}: error: {e.Message}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and loader can fail this way on malformed input (found by fuzzing); they give no place.
            throw new YamlInputException($"{file}:1:1: error: the file is not valid YAML (YamlDotNet: " + e.Message + ")");
        }
        if (stream.Documents.Count == 0) throw new YamlInputException($"{file}:1:1: error: the file has no YAML document");
        return stream.Documents[0].RootNode;
    }

    public static YamlInputException Error(string file, YamlNode node, string message)
        => new($"{At(file, node)}: error: {message}");

    public static string At(string file, YamlNode node) => $"{file}:{node.Start.Line}:{node.Start.Column}";

    public static YamlMappingNode Mapping(string file, YamlNode node, string what)
        => node as YamlMappingNode ?? throw Error(file, node, $"{what} must be a mapping");

    public static YamlSequenceNode Sequence(string file, YamlNode node, string what)
        => node as YamlSequenceNode ?? throw Error(file, node, $"{what} must be a list");

    public static string Scalar(string file, YamlNode node, string what)
        => (node as YamlScalarNode)?.Value ?? throw Error(file, node, $"{what} must be a single value");

    /// <summary>An integer in decimal or 0x hex.</summary>
    public static ulong? Integer(YamlScalarNode s)
    {
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted || s.Value is null) return null;
        var v = s.Value.Replace("_", "");
        if (v.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return ulong.TryParse(v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        return v.Length > 0 && v.All(char.IsAsciiDigit) && ulong.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>Plain true/false.</summary>
    public static bool? Boolean(YamlScalarNode s)
        => s.Style == ScalarStyle.Plain ? s.Value switch { "true" or "True" or "yes" => true, "false" or "False" or "no" => false, _ => null } : null;

    /// <summary>The key names of a mapping, each checked against <paramref name="allowed"/>.</summary>
    public static void OnlyKeys(string file, YamlMappingNode map, string what, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name))
                throw Error(file, key, $"unknown key '{name}' in {what} (expected one of: {string.Join(", ", allowed)})");
        }
    }
}
