using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Viommu.SmmuModel.Yaml;

/// <summary>A place in a YAML text and what is wrong there.</summary>
public readonly record struct YamlProblem(long Line, long Column, string Message);

/// <summary>
/// Checks a YAML text before YamlDotNet builds anything from it, for the shapes of hostile input that it does not
/// refuse by itself. Every YAML reader of the project (scenarios, lops, trees, system specs) runs this first.
/// </summary>
public static class YamlPrecheck
{
    /// <summary>Deepest nesting of mappings and sequences accepted; real files stay under ten.</summary>
    public const int MaxDepth = 128;

    /// <summary>The first problem in <paramref name="text"/>, or null when it may be loaded.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item>A directive other than %YAML and %TAG (a reserved directive line running into the end of the input past
    /// 1,024 characters looped YamlDotNet 18.1's scanner forever).</item>
    /// <item>A character YAML does not allow (YAML 1.2, 5.1: C0 and C1 controls other than tab, line feed, carriage
    /// return and NEL; U+FFFE, U+FFFF): a NUL after a directive sent YamlDotNet 18.1's scanner into an endless loop
    /// (found by fuzzing the lop reader).</item>
    /// <item>Nesting deeper than <see cref="MaxDepth"/>: the scanner's time grows with the square of the depth
    /// (32,000 open brackets took 11 s), and building nodes recurses once per level.</item>
    /// <item>An anchor or alias: loading a node that holds an alias of itself recurses until the stack overflows,
    /// which no catch can stop, and aliases let a small file stand for an unbounded one.</item>
    /// </list>
    /// </remarks>
    public static YamlProblem? FindProblem(string text)
    {
        if (FirstTextProblem(text) is { } bad) return bad;
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case AnchorAlias alias:
                    return new YamlProblem(alias.Start.Line, alias.Start.Column, "YAML anchors and aliases are not accepted");
                case NodeEvent node when !node.Anchor.IsEmpty:
                    return new YamlProblem(node.Start.Line, node.Start.Column, "YAML anchors and aliases are not accepted");
                case SequenceStart or MappingStart:
                    if (++depth > MaxDepth)
                        return new YamlProblem(parser.Current.Start.Line, parser.Current.Start.Column,
                            $"YAML nested more than {MaxDepth} levels deep");
                    break;
                case SequenceEnd or MappingEnd:
                    depth--;
                    break;
            }
        }
        return null;
    }

    // what a plain pass over the characters finds: reserved directives at a line start and characters YAML forbids
    private static YamlProblem? FirstTextProblem(string text)
    {
        long line = 1, lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '%' && i == lineStart && !IsKnownDirective(text.AsSpan(i)))
                return new YamlProblem(line, 1, "YAML directives other than %YAML and %TAG are not accepted");
            // YamlDotNet also breaks lines at NEL, LS and PS: a directive may start after any of them
            if (c is '\n' or '\u0085' or '\u2028' or '\u2029' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (IsAllowed(c)) continue;
            return new YamlProblem(line, i - lineStart + 1, $"character U+{(int)c:X4} is not allowed in YAML");
        }
        return null;
    }

    // YamlDotNet skips a reserved directive's line with a loop that never ends when the line runs into the end of
    // the input past its 1,024-character look-ahead (found by fuzzing); no file of this project needs one
    private static bool IsKnownDirective(ReadOnlySpan<char> line) =>
        (line.StartsWith("%YAML") && line.Length > 5 && line[5] is ' ' or '\t') ||
        (line.StartsWith("%TAG") && line.Length > 4 && line[4] is ' ' or '\t');

    // YAML 1.2's c-printable, on UTF-16: surrogates come in pairs from any decoded text (a broken byte sequence
    // decodes to U+FFFD)
    private static bool IsAllowed(char c) =>
        c is '\t' or '\r' or '\u0085' || (c >= ' ' && c <= '~') || (c >= '\u00A0' && c <= '\uFFFD');
}
