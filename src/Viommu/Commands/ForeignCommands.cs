using System.CommandLine;

namespace Viommu.Cli.Commands;

/// <summary>
/// The commands that parse their own arguments the way the tools they replace do (dtc, cpp, lopper, overlay) as
/// System.CommandLine commands carrying their options, so that the root help lists them and shell completion
/// (<c>[suggest]</c>, see <see cref="CompletionCommand"/>) offers their options and option values.
/// </summary>
public static class ForeignCommands
{
    /// <summary>A command whose options are those of a getopt table; <paramref name="values"/> maps a long option
    /// name to the values it accepts.</summary>
    public static Command FromGetOpt(string name, string description, GetOpt getopt, IReadOnlyDictionary<string, string[]>? values = null)
    {
        var command = new Command(name, description);
        foreach (var (longName, id, hasArg) in getopt.LongOptions)
        {
            if (longName is "help" or "version") continue; // the root's own help and version options apply
            var aliases = getopt.HasShort(id) ? new[] { "-" + id } : Array.Empty<string>();
            Option option = hasArg ? new Option<string>("--" + longName, aliases) : new Option<bool>("--" + longName, aliases);
            if (values is not null && values.TryGetValue(longName, out var accepted)) option.CompletionSources.Add(accepted);
            command.Options.Add(option);
        }
        return command;
    }

    /// <summary>A command whose options are single-dash flags (GNU cpp's); <paramref name="withValue"/> names those
    /// that take a value.</summary>
    public static Command FromFlags(string name, string description, IEnumerable<string> flags, ISet<string> withValue,
        IReadOnlyDictionary<string, string[]>? values = null)
    {
        var command = new Command(name, description);
        foreach (var flag in flags)
        {
            Option option = withValue.Contains(flag) ? new Option<string>(flag) : new Option<bool>(flag);
            if (values is not null && values.TryGetValue(flag, out var accepted)) option.CompletionSources.Add(accepted);
            command.Options.Add(option);
        }
        return command;
    }
}
