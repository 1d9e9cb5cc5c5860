using System.Text.RegularExpressions;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>Lopper's ways of finding nodes: by exact path or path regex, by label, and a subtree.</summary>
public static class NodeQuery
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(2);

    /// <summary>Lopper's <c>tree.nodes(name)</c>: the node at that exact path if there is one, otherwise
    /// every node whose path the regex finds (search, not full match), in tree order.</summary>
    public static List<DtNode> Nodes(DeviceTree tree, string pathOrRegex, bool strict = false)
    {
        if (strict) pathOrRegex = "^" + pathOrRegex + "$";
        if (ExactPath(tree, pathOrRegex) is { } exact) return new List<DtNode> { exact };
        var regex = Compile(pathOrRegex);
        var result = new List<DtNode>();
        foreach (var n in tree.Root.Walk())
            if (regex.IsMatch(n.Path)) result.Add(n);
        return result;
    }

    /// <summary>The node at exactly this path (a trailing '/' allowed), or null.</summary>
    public static DtNode? ExactPath(DeviceTree tree, string path)
    {
        if (!path.StartsWith('/')) return null;
        if (path.Length > 1 && path.EndsWith('/')) path = path.TrimEnd('/');
        return path == "/" ? tree.Root : tree.FindByPath(path);
    }

    /// <summary>Lopper's <c>tree.lnodes(label)</c>: nodes with a label the regex matches in full.</summary>
    public static List<DtNode> ByLabel(DeviceTree tree, string label)
    {
        var regex = Compile("^(?:" + label + ")$");
        var result = new List<DtNode>();
        foreach (var n in tree.Root.Walk())
            if (LabelList.Live(n.Labels).Any(l => regex.IsMatch(l.Name))) result.Add(n);
        return result;
    }

    /// <summary>A node and all its live descendants, in tree order.</summary>
    public static List<DtNode> Subtree(DtNode start) => start.Walk().ToList();

    /// <summary>Finds one node by path, label or <c>&amp;label</c>.</summary>
    public static DtNode? Resolve(DeviceTree tree, string reference)
    {
        reference = reference.TrimStart('&');
        if (reference.StartsWith('/')) return tree.FindByPath(reference) ?? Nodes(tree, reference).FirstOrDefault();
        return tree.FindByLabel(reference) ?? ByLabel(tree, Regex.Escape(reference)).FirstOrDefault();
    }

    // A select tests its patterns against every node and property: each is parsed once, not once per test.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    /// <summary>Compiles a user's regex; a bad one is a lop error that quotes it.</summary>
    public static Regex Compile(string pattern)
    {
        try
        {
            return Compiled.GetOrAdd(pattern, p => new Regex(p, RegexOptions.CultureInvariant, RegexBudget));
        }
        catch (ArgumentException e)
        {
            throw new LopException($"bad regular expression '{pattern}': {e.Message}");
        }
    }

    /// <summary>Runs a regex search, turning a runaway pattern into a lop error.</summary>
    public static bool Search(string pattern, string input)
    {
        try
        {
            return Compile(pattern).IsMatch(input);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new LopException($"regular expression '{pattern}' took too long on '{input}'");
        }
    }
}
