namespace Viommu.Cli.Commands;

/// <summary>
/// A GNU getopt_long work-alike, so that tools replacing dtc and cpp accept their arguments exactly:
/// bundled short options (<c>-qq</c>), attached values (<c>-Odtb</c>), <c>--long=value</c>, permuted operands
/// and <c>--</c>.
/// </summary>
public sealed class GetOpt
{
    private readonly string _shortSpec;
    private readonly Dictionary<string, (char Id, bool HasArg)> _long;

    public GetOpt(string shortSpec, (string Name, char Id, bool HasArg)[] longOptions)
    {
        _shortSpec = shortSpec;
        // An array and a plain loop: LINQ's ToDictionary, or enumerating this tuple type through an interface,
        // is bound by the runtime's type loader at startup in a Native-AOT build (~3 % of a small dtc run).
        _long = new Dictionary<string, (char Id, bool HasArg)>(longOptions.Length, StringComparer.Ordinal);
        for (var i = 0; i < longOptions.Length; i++) _long.Add(longOptions[i].Name, (longOptions[i].Id, longOptions[i].HasArg));
    }

    /// <summary>The long options, in table order, with the short letter each stands for.</summary>
    public IEnumerable<(string Name, char Id, bool HasArg)> LongOptions => _long.Select(o => (o.Key, o.Value.Id, o.Value.HasArg));

    /// <summary>True when <paramref name="c"/> is also a short option (<c>-c</c>).</summary>
    public bool HasShort(char c) => c != ':' && _shortSpec.Contains(c);

    public sealed record Result(List<(char Option, string? Value)> Options, List<string> Operands, string? Error);

    public Result Parse(IReadOnlyList<string> args)
    {
        var options = new List<(char, string?)>();
        var operands = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--")
            {
                for (i++; i < args.Count; i++) operands.Add(args[i]);
                break;
            }
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = a.IndexOf('=');
                var name = eq < 0 ? a[2..] : a[2..eq];
                var matches = _long.Keys.Where(k => k == name).ToList();
                if (matches.Count == 0) matches = _long.Keys.Where(k => k.StartsWith(name, StringComparison.Ordinal)).ToList();
                if (matches.Count != 1) return new Result(options, operands, matches.Count == 0 ? $"unrecognized option '{a}'" : $"option '{a}' is ambiguous");
                var (id, hasArg) = _long[matches[0]];
                if (hasArg)
                {
                    string? value = eq >= 0 ? a[(eq + 1)..] : i + 1 < args.Count ? args[++i] : null;
                    if (value is null) return new Result(options, operands, $"option '--{matches[0]}' requires an argument");
                    options.Add((id, value));
                }
                else
                {
                    if (eq >= 0) return new Result(options, operands, $"option '--{matches[0]}' doesn't allow an argument");
                    options.Add((id, null));
                }
                continue;
            }
            if (a.Length > 1 && a[0] == '-')
            {
                for (var j = 1; j < a.Length; j++)
                {
                    var c = a[j];
                    var at = _shortSpec.IndexOf(c);
                    if (at < 0 || c == ':') return new Result(options, operands, $"invalid option -- '{c}'");
                    var hasArg = at + 1 < _shortSpec.Length && _shortSpec[at + 1] == ':';
                    if (!hasArg)
                    {
                        options.Add((c, null));
                        continue;
                    }
                    string? value = j + 1 < a.Length ? a[(j + 1)..] : i + 1 < args.Count ? args[++i] : null;
                    if (value is null) return new Result(options, operands, $"option requires an argument -- '{c}'");
                    options.Add((c, value));
                    break;
                }
                continue;
            }
            operands.Add(a);
        }
        return new Result(options, operands, null);
    }
}
