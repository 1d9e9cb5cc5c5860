using Viommu.DtEngine.Model;
using YamlDotNet.RepresentationModel;

namespace Viommu.Lops.Runtime;

/// <summary>A YAML pipeline: its lops and the optional input/output it names (paths relative to the file).</summary>
public sealed record YamlPipeline(LopFile Lops, string? Input, string? Output, string? OutputDirectory);

/// <summary>
/// Reads the YAML form of a lop file (one document a pipeline):
/// <code>
/// input: board.dtb        # optional, used by 'viommu run'
/// output: out.dts         # optional: the final tree
/// priority: 5             # optional
/// lops:
///   - type: select        # a Lopper lop type, or any registered compatible (compatible: also accepted)
///     name: pick           # optional, default lop_N
///     select: ["/soc/.*:status:okay"]   # a list becomes select_1, select_2, ...
///   - type: modify
///     modify: ":status:disabled"
/// </code>
/// Other keys are the lop's options: a string, an integer, a list of either, or true (a flag). A conditional
/// takes <c>path</c>, <c>properties</c> (a mapping) and <c>true</c>/<c>false</c> lists of lops; an add lop takes
/// <c>node</c> (a mapping turned into a node as YAML inputs are) and <c>node_dest</c>.
/// </summary>
public static class YamlLopReader
{
    public static YamlPipeline Read(string path) => Parse(File.ReadAllText(path), path);

    public static YamlPipeline Parse(string text, string file)
    {
        var root = YamlDocument.Mapping(file, YamlDocument.Load(text, file), "a pipeline");
        YamlDocument.OnlyKeys(file, root, "a pipeline", "input", "output", "outdir", "priority", "lops");
        string? Opt(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var n) ? YamlDocument.Scalar(file, n, key) : null;
        var priority = 5;
        if (root.Children.TryGetValue(new YamlScalarNode("priority"), out var pn))
        {
            var v = pn is YamlScalarNode ps ? YamlDocument.Integer(ps) : null;
            if (v is not (>= 1 and <= 9)) throw YamlDocument.Error(file, pn, "priority must be an integer from 1 to 9");
            priority = (int)v.Value;
        }
        if (!root.Children.TryGetValue(new YamlScalarNode("lops"), out var lopsNode))
            throw YamlDocument.Error(file, root, "a pipeline needs 'lops', a list of lops");
        var counter = 0;
        var lops = YamlDocument.Sequence(file, lopsNode, "lops").Children.Select(n => ToSpec(file, n, ref counter)).ToList();
        return new YamlPipeline(new LopFile(file, priority, lops), Opt("input"), Opt("output"), Opt("outdir"));
    }

    private static LopSpec ToSpec(string file, YamlNode node, ref int counter)
    {
        var map = YamlDocument.Mapping(file, node, "a lop");
        counter++;
        string? type = null, name = null;
        foreach (var (k, v) in map.Children)
        {
            var key = YamlDocument.Scalar(file, k, "a key");
            if (key is "type" or "compatible") type = YamlDocument.Scalar(file, v, key);
            else if (key == "name") name = YamlDocument.Scalar(file, v, key);
        }
        if (type is null) throw YamlDocument.Error(file, node, "a lop needs 'type' (select, modify, ...) or 'compatible'");
        var compatible = type.Contains(',') ? type : "system-device-tree-v1,lop," + type;
        var spec = new LopSpec(name ?? $"lop_{counter}", compatible, file, YamlDocument.At(file, node));
        var key_ = LopRegistry.KeyOf(compatible);
        foreach (var (k, v) in map.Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            if (key is "type" or "compatible" or "name") continue;
            if (key_ == "select" && key == "select" && v is YamlSequenceNode selects)
            {
                var i = 0;
                foreach (var s in selects.Children)
                    spec.Options.Add(new($"select_{++i}", LopValue.Text(YamlDocument.Scalar(file, s, "a select"), YamlDocument.At(file, s))));
                continue;
            }
            if (key_ == "conditional" && key is "true" or "false")
            {
                var blockCounter = 0;
                foreach (var c in YamlDocument.Sequence(file, v, key).Children)
                {
                    var child = ToSpec(file, c, ref blockCounter);
                    var renamed = new LopSpec($"{key}_{blockCounter}", child.Compatible, file, child.Location) { Node = child.Node };
                    renamed.Options.AddRange(child.Options);
                    renamed.Children.AddRange(child.Children);
                    spec.Children.Add(renamed);
                }
                continue;
            }
            if (key_ == "conditional" && key == "properties")
            {
                spec.Node = ConditionNode(file, spec, v);
                continue;
            }
            if (key == "node")
            {
                var content = YamlTree.ToNode(file, "node", YamlDocument.Mapping(file, v, "node"));
                spec.Node = new DtNode(spec.Name);
                var named = spec.Text("node_src");
                content.Name = content.GetProperty("name") is null ? (named ?? "node") : content.Name;
                spec.Node.AddChild(content);
                if (named is null) spec.Options.Add(new("node_src", LopValue.Text(content.Name)));
                continue;
            }
            spec.Options.Add(new(key, ToValue(file, key, v)));
        }
        return spec;
    }

    /// <summary>A conditional's test node: the YAML <c>properties</c> under a chain named by <c>path</c>, shaped as
    /// Lopper's DTS form (lop node / cond root / ... / last node), so one implementation serves both.</summary>
    private static DtNode ConditionNode(string file, LopSpec spec, YamlNode properties)
    {
        var path = spec.Text("path") ?? throw YamlDocument.Error(file, properties, "a conditional with 'properties' needs 'path' (the node to test)");
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0) throw YamlDocument.Error(file, properties, "'path' of a conditional must name a node below /");
        var lopNode = new DtNode(spec.Name);
        var current = lopNode;
        foreach (var part in parts) current = current.AddChild(new DtNode(part));
        var tests = YamlTree.ToNode(file, "properties", YamlDocument.Mapping(file, properties, "properties"));
        foreach (var p in tests.Properties) current.AddProperty(p);
        spec.Options.Add(new("cond_root", LopValue.Text(parts[0])));
        return lopNode;
    }

    private static LopValue ToValue(string file, string key, YamlNode v)
    {
        var at = YamlDocument.At(file, v);
        switch (v)
        {
            case YamlScalarNode s when YamlDocument.Boolean(s) == true:
                return new LopValue(LopValueKind.Flag, location: at);
            case YamlScalarNode s when YamlDocument.Integer(s) is { } i:
                return new LopValue(LopValueKind.Integers, integers: new[] { i }, location: at);
            case YamlScalarNode s:
                return LopValue.Text(s.Value ?? "", at);
            case YamlSequenceNode seq:
                var scalars = seq.Children.Select(c => c as YamlScalarNode ?? throw YamlDocument.Error(file, c, $"'{key}' must be a list of values")).ToList();
                if (scalars.Count > 0 && scalars.All(c => YamlDocument.Integer(c) is not null))
                    return new LopValue(LopValueKind.Integers, integers: scalars.Select(c => YamlDocument.Integer(c)!.Value).ToList(), location: at);
                return new LopValue(LopValueKind.Strings, scalars.Select(c => c.Value ?? "").ToList(), location: at);
            default:
                throw YamlDocument.Error(file, v, $"'{key}' must be a value or a list of values");
        }
    }
}
