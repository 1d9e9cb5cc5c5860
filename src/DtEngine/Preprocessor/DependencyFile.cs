using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>A make target for a dependency rule: <c>-MT</c> gives one written as it is, <c>-MQ</c> (and the default
/// target) one quoted for make.</summary>
public readonly record struct MakeTarget(string Name, bool Quoted);

/// <summary>Make rules listing the files a run read, as GNU cpp 12's <c>-M</c> family writes them.</summary>
public static class DependencyFile
{
    // cpp wraps a rule's line before a name that would take it past this column
    private const int WrapColumn = 72;

    /// <summary>
    /// The rule <c>targets: dependencies</c>: every name loses its leading <c>./</c> (and the slashes after it),
    /// unquoted targets come before quoted ones, names are quoted for make (<c>$</c>, <c>#</c>, blanks and the
    /// backslashes before a blank), and a line is wrapped with <c> \</c> before a name that would end past column 72.
    /// With <paramref name="phony"/> (<c>-MP</c>) each dependency but the first gets an empty rule. No dependency (the
    /// input was standard input) writes nothing, as cpp does.
    /// </summary>
    public static string Rule(IReadOnlyList<MakeTarget> targets, IReadOnlyList<string> dependencies, bool phony)
    {
        if (dependencies.Count == 0) return "";
        var ordered = new List<string>();
        var unquoted = 0;
        // cpp keeps the unquoted targets first: one added after quoted ones swaps places with the first quoted one
        foreach (var target in targets)
        {
            var name = WithoutLeadingDotSlash(target.Name);
            if (!target.Quoted)
            {
                if (unquoted != ordered.Count) (ordered[unquoted], name) = (name, ordered[unquoted]);
                unquoted++;
            }
            ordered.Add(name);
        }
        var sb = new StringBuilder();
        var column = 0;
        for (var i = 0; i < ordered.Count; i++) column = WriteName(sb, i < unquoted ? ordered[i] : Quote(ordered[i]), column);
        sb.Append(':');
        column++;
        foreach (var d in dependencies) column = WriteName(sb, Quote(WithoutLeadingDotSlash(d)), column);
        sb.Append('\n');
        if (phony)
            for (var i = 1; i < dependencies.Count; i++) sb.Append(Quote(WithoutLeadingDotSlash(dependencies[i]))).Append(":\n");
        return sb.ToString();
    }

    /// <summary>The target cpp makes when none is given: the input's file name with its extension replaced by
    /// <c>.o</c>, quoted; <c>-</c> for standard input (<paramref name="input"/> "-").</summary>
    public static MakeTarget DefaultTarget(string input)
    {
        if (input == "-") return new MakeTarget("-", Quoted: true);
        var name = input[(input.LastIndexOf('/') + 1)..];
        var dot = name.LastIndexOf('.');
        return new MakeTarget((dot >= 0 ? name[..dot] : name) + ".o", Quoted: true);
    }

    private static int WriteName(StringBuilder sb, string name, int column)
    {
        if (column > 0)
        {
            if (column + name.Length > WrapColumn)
            {
                sb.Append(" \\\n");
                column = 0;
            }
            sb.Append(' ');
            column++;
        }
        sb.Append(name);
        return column + name.Length;
    }

    /// <summary>cpp drops every leading <c>./</c> of a name it lists, and the slashes that follow one.</summary>
    private static string WithoutLeadingDotSlash(string name)
    {
        var start = 0;
        while (start + 1 < name.Length && name[start] == '.' && name[start + 1] == '/')
        {
            start += 2;
            while (start < name.Length && name[start] == '/') start++;
        }
        return name[start..];
    }

    /// <summary>
    /// Make's quoting as cpp applies it: <c>$</c> doubled, <c>#</c> escaped, a blank escaped with the backslashes
    /// before it doubled (make reads 2N+1 backslashes before a blank as N and a blank). Other characters (newlines,
    /// <c>%</c>, <c>:</c>) cannot be quoted for make and are written as they are.
    /// </summary>
    private static string Quote(string name)
    {
        if (name.AsSpan().IndexOfAny("$# \t") < 0) return name;
        var sb = new StringBuilder(name.Length + 8);
        var backslashes = 0;
        foreach (var c in name)
        {
            switch (c)
            {
                case '\\':
                    backslashes++;
                    sb.Append(c);
                    continue;
                case '$':
                    sb.Append('$');
                    break;
                case ' ' or '\t':
                    sb.Append('\\', backslashes + 1);
                    break;
                case '#':
                    sb.Append('\\');
                    break;
            }
            backslashes = 0;
            sb.Append(c);
        }
        return sb.ToString();
    }
}
