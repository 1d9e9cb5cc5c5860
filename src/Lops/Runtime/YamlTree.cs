using System.Globalization;
using System.Text;
using Viommu.DtEngine.Model;
using YamlDotNet.RepresentationModel;

namespace Viommu.Lops.Runtime;

/// <summary>
/// Trees as YAML, both ways. A mapping is a node: a key whose value is a mapping is a child node, any other
/// key a property. Values: an integer is one cell (two when it needs 64 bits), a list of integers (lists
/// nested to any depth, as <c>reg: [[0, 0x1000, 0, 0x100]]</c>) is cells, a string or a list of strings is
/// a string list, <c>true</c> an empty property. Output follows the same rules, so a tree read back gives the
/// same bytes, except raw byte values, which are written as a list of cells or a byte string.
/// </summary>
public static class YamlTree
{
    public static DeviceTree Read(string text, string file)
    {
        var root = YamlDocument.Mapping(file, YamlDocument.Load(text, file), "a tree");
        var node = ToNode(file, "", root);
        node.Name = "";
        return new DeviceTree(node);
    }

    public static DtNode ToNode(string file, string name, YamlMappingNode map)
    {
        var node = new DtNode(name) { Position = new SourcePosition(file, (int)map.Start.Line, (int)map.Start.Column, (int)map.Start.Line, (int)map.Start.Column) };
        foreach (var (k, v) in map.Children)
        {
            var key = YamlDocument.Scalar(file, k, "a key");
            if (v is YamlMappingNode child) node.AddChild(ToNode(file, key, child));
            else node.AddProperty(new DtProperty(key, ToValue(file, key, v),
                new SourcePosition(file, (int)k.Start.Line, (int)k.Start.Column, (int)k.Start.Line, (int)k.Start.Column)));
        }
        return node;
    }

    private static PropertyValue ToValue(string file, string key, YamlNode v)
    {
        var value = new PropertyValue();
        if (v is YamlScalarNode s)
        {
            if (YamlDocument.Boolean(s) == true) return value;
            if (YamlDocument.Integer(s) is { } i)
            {
                value.AddMarker(i > uint.MaxValue ? MarkerType.TypeUint64 : MarkerType.TypeUint32, null);
                value.AppendInteger(i, i > uint.MaxValue ? 64 : 32);
                return value;
            }
            value.AddMarker(MarkerType.TypeString, null);
            value.AppendString(s.Value ?? "");
            return value;
        }
        var leaves = new List<YamlScalarNode>();
        Flatten(file, key, v, leaves);
        if (leaves.Count > 0 && leaves.All(l => YamlDocument.Integer(l) is not null))
        {
            value.AddMarker(MarkerType.TypeUint32, null);
            foreach (var l in leaves)
            {
                var i = YamlDocument.Integer(l)!.Value;
                if (i > uint.MaxValue) throw YamlDocument.Error(file, l, $"'{key}': 0x{i:x} does not fit in a cell");
                value.AppendInteger(i, 32);
            }
            return value;
        }
        foreach (var l in leaves)
        {
            value.AddMarker(MarkerType.TypeString, null);
            value.AppendString(l.Value ?? "");
        }
        return value;
    }

    private static void Flatten(string file, string key, YamlNode v, List<YamlScalarNode> leaves)
    {
        switch (v)
        {
            case YamlScalarNode s: leaves.Add(s); break;
            case YamlSequenceNode seq: foreach (var c in seq.Children) Flatten(file, key, c, leaves); break;
            default: throw YamlDocument.Error(file, v, $"'{key}' must hold values, not a mapping inside a list");
        }
    }

    /// <summary>Writes <paramref name="tree"/> as YAML in the form <see cref="Read"/> accepts.</summary>
    public static string Write(DeviceTree tree)
    {
        var sb = new StringBuilder();
        WriteNode(sb, tree.Root, 0);
        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, DtNode node, int depth)
    {
        var indent = new string(' ', depth * 2);
        foreach (var p in node.Properties)
        {
            sb.Append(indent).Append(Key(p.Name)).Append(':');
            var lv = LopperValue.FromProperty(p.Value);
            if (p.Value.Length == 0) sb.Append(" true");
            else if (lv.IsText) sb.Append(' ').Append(lv.Count == 1 ? Quote(lv.Strings[0]) : "[" + string.Join(", ", lv.Strings.Select(Quote)) + "]");
            else if (p.Value.Length % 4 != 0) sb.Append(" [").Append(string.Join(", ", p.Value.Bytes.ToArray().Select(b => "0x" + b.ToString("x2", CultureInfo.InvariantCulture)))).Append(']').Append(" # bytes");
            else sb.Append(lv.Count == 1 ? " " + Hex(lv.Integers[0]) : " [" + string.Join(", ", lv.Integers.Select(Hex)) + "]");
            sb.Append('\n');
        }
        foreach (var c in node.Children)
        {
            sb.Append(indent).Append(Key(c.Name)).Append(":\n");
            if (!c.Properties.Any() && !c.HasLiveChildren) { sb.Length--; sb.Append(" {}\n"); continue; }
            WriteNode(sb, c, depth + 1);
        }
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    private static string Key(string name) => NeedsQuotes(name) ? Quote(name) : name;

    private static bool NeedsQuotes(string s)
        => s.Length == 0 || s.Any(c => c is ':' or '#' or '{' or '}' or '[' or ']' or ',' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ')
           || char.IsAsciiDigit(s[0]) || s is "true" or "false" or "yes" or "no" or "null" or "~";

    private static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c is '"' or '\\') sb.Append('\\').Append(c);
            else if (c < 0x20 || c >= 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.Append('"').ToString();
    }
}
