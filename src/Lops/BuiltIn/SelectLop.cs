using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.BuiltIn;

/// <summary>
/// Lopper's select: <c>select_1</c>, <c>select_2</c>, ... applied in order. An empty value clears the selection;
/// <c>"REGEX:prop:value"</c> adds (OR) matching nodes (a regex starting with / matches paths, otherwise labels);
/// <c>":prop:value"</c> filters (AND) the nodes selected so far; <c>!value</c> inverts, <c>prop:</c> tests presence,
/// <c>!prop:</c> absence. Returns true when something is selected.
/// </summary>
public sealed class SelectLop : ILop
{
    public IReadOnlyList<string> Compatibles { get; } = new[] { "select" };
    public string Description => "build the selection from path/label regexes and property tests";

    public bool Run(LopContext context)
    {
        var tree = context.Tree;
        var selected = new List<DtNode>();
        var possible = new List<DtNode>();
        foreach (var (_, value) in context.Spec.WithPrefix("select"))
        {
            if (value.IsEmpty)
            {
                context.Selected = new List<DtNode>();
                continue;
            }
            foreach (var expression in value.AllText)
            {
                var (regex, prop, propValue) = Split(expression);
                if (regex.Length > 0)
                {
                    var found = regex.StartsWith('/') ? NodeQuery.Nodes(tree, regex) : NodeQuery.ByLabel(tree, regex);
                    possible = possible.Count > 0 ? possible.Concat(found).ToList() : found;
                }
                else
                {
                    possible = selected.Count > 0 ? selected : new List<DtNode>(context.Selected);
                }

                if (prop.Length > 0 && propValue.Length > 0) TestValue(tree, possible, selected, regex.Length > 0, prop, propValue);
                if (prop.Length > 0 && propValue.Length == 0) TestPresence(possible, selected, prop);
                if (prop.Length == 0 && propValue.Length == 0) selected = possible;
                possible = selected;
            }
        }
        context.Selected = selected;
        return selected.Count > 0;
    }

    /// <summary>Lopper splits on ':' into exactly three parts; anything else is a node regex alone.</summary>
    private static (string Regex, string Prop, string Value) Split(string expression)
    {
        var parts = expression.Split(':');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : (expression, "", "");
    }

    private static void TestValue(DeviceTree tree, List<DtNode> possible, List<DtNode> selected, bool isOr, string prop, string propValue)
    {
        var invert = propValue.Contains('!');
        if (invert && propValue.StartsWith('!')) propValue = propValue[1..];
        var wanted = ResolveReference(tree, LopperValue.FromText(propValue));
        foreach (var node in possible.ToList())
        {
            var p = node.GetProperty(prop);
            if (p is not null)
            {
                var equal = wanted.Matches(LopperValue.FromProperty(p.Value));
                if (invert) equal = !equal;
                if (equal) { if (!selected.Contains(node)) selected.Add(node); }
                else if (!isOr) selected.Remove(node);
            }
            else if (!isOr)
            {
                selected.Remove(node);
            }
        }
    }

    /// <summary>A single <c>&amp;label</c> compares as that node's phandle.</summary>
    private static LopperValue ResolveReference(DeviceTree tree, LopperValue value)
    {
        if (value.IsText && value.Count == 1 && value.Strings[0].StartsWith('&'))
            return LopperValue.OfIntegers(NodeQuery.Resolve(tree, value.Strings[0]) is { } n ? n.Phandle : 0);
        return value;
    }

    private static void TestPresence(List<DtNode> possible, List<DtNode> selected, string prop)
    {
        var wantPresent = !prop.Contains('!');
        prop = prop.TrimStart('!');
        foreach (var node in possible.ToList())
        {
            var present = node.GetProperty(prop) is not null;
            if (present == wantPresent) { if (!selected.Contains(node)) selected.Add(node); }
            else selected.Remove(node);
        }
    }
}
