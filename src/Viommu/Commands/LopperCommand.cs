using Viommu.DtEngine.Diagnostics;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Runtime;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu lopper [options] INPUT [OUTPUT]</c>: Lopper's command line over the lop runtime.</summary>
public static class LopperCommand
{
    private static readonly GetOpt Options = new("i:a:A:O:o:fvhI:W:", new[]
    {
        ("input", 'i', true), ("assist", 'a', true), ("assist-paths", 'A', true), ("outdir", 'O', true),
        ("output", 'o', true), ("force", 'f', false), ("verbose", 'v', false), ("help", 'h', false),
        ("werror", 'E', false), ("permissive", 'P', false), ("plugin", 'p', true), ("list", 'l', false),
        ("include", 'I', true), ("dryrun", 'n', false), ("symbols", 's', false),
    });

    private const string Usage = """
        usage: viommu lopper [options] INPUT [OUTPUT] [-- ASSIST-ARGS]
          -i, --input FILE       lop file (DTS or YAML) or extra tree to merge (repeatable)
          -a, --assist ID        run the lop/plugin with this compatible on the tree (repeatable)
          -A, --assist-paths D   colon-separated folders searched by load lops
          -O, --outdir DIR       folder output lops write into (default .)
          -o, --output FILE      final tree (as the positional OUTPUT); format by extension
          -f, --force            overwrite existing outputs
          -v, --verbose          more messages (repeatable)
          -I, --include DIR      /include/ search path for DTS inputs
          -W WARNING             Lopper's warnings: invalid_phandle, or all (repeatable)
          --werror               warnings are errors
          --dryrun               run every lop, write no file
          --symbols              give a DTS input /__symbols__ (dtc -@), so outputs keep its labels
          --permissive           tolerate unresolved references
          --plugin DIR           load plugin assemblies from DIR (repeatable)
          --list                 list the lops this viommu knows and exit
        """;

    /// <summary>The command for help and shell completion; <see cref="Run"/> parses the arguments as Lopper does.</summary>
    public static System.CommandLine.Command Describe()
        => ForeignCommands.FromGetOpt("lopper", "Run Lopper lop files; accepts Lopper's options (see 'viommu lopper -h').", Options);

    public static int Run(string[] args)
    {
        var dash = Array.IndexOf(args, "--");
        var assistArgs = dash < 0 ? Array.Empty<string>() : args[(dash + 1)..];
        var parsed = Options.Parse(dash < 0 ? args : args[..dash]);
        if (parsed.Error is not null)
        {
            Console.Error.WriteLine($"viommu lopper: {parsed.Error}\n{Usage}");
            return 2;
        }
        var inputs = new List<string>();
        var assists = new List<string>();
        var assistPaths = new List<string>();
        var plugins = new List<string>();
        var includes = new List<string>();
        string? outdir = null, output = null;
        bool force = false, werror = false, permissive = false, list = false, dryrun = false, symbols = false;
        var warnings = new List<string>();
        var verbose = 0;
        foreach (var (option, value) in parsed.Options)
        {
            switch (option)
            {
                case 'i': inputs.Add(value!); break;
                case 'a': assists.Add(value!); break;
                case 'A': assistPaths.AddRange(value!.Split(':', StringSplitOptions.RemoveEmptyEntries)); break;
                case 'O': outdir = value; break;
                case 'o': output = value; break;
                case 'f': force = true; break;
                case 'v': verbose++; break;
                case 'E': werror = true; break;
                case 'W': warnings.AddRange(value!.Split(',', StringSplitOptions.RemoveEmptyEntries)); break;
                case 'n': dryrun = true; break;
                case 's': symbols = true; break;
                case 'P': permissive = true; break;
                case 'p': plugins.Add(value!); break;
                case 'I': includes.Add(value!); break;
                case 'l': list = true; break;
                case 'h': Console.Out.Write(Usage); return 0;
            }
        }
        if (list)
        {
            foreach (var (compatible, lop) in BuiltInLops.CreateRegistry().All) Console.Out.WriteLine($"{compatible,-28} {lop.Description}");
            return 0;
        }
        if (parsed.Operands.Count is < 1 or > 2)
        {
            Console.Error.WriteLine($"viommu lopper: expected INPUT [OUTPUT]\n{Usage}");
            return 2;
        }
        if (parsed.Operands.Count == 2) output ??= parsed.Operands[1];
        var settings = new LopperJobSettings
        {
            Input = parsed.Operands[0],
            Output = output,
            Inputs = inputs,
            Assists = assists,
            AssistArguments = assistArgs,
            PluginFolders = plugins,
            IncludePaths = includes,
            Symbols = symbols,
            Lops = new LopSettings
            {
                OutputDirectory = outdir ?? ".", Force = force, WarningsAreErrors = werror, Permissive = permissive,
                Verbose = verbose, AssistPaths = assistPaths, DryRun = dryrun, Warnings = warnings,
            },
        };
        return Report(LopperJob.Run(settings, Console.Out), verbose);
    }

    /// <summary>Prints the diagnostics (info only when verbose) and gives the exit code.</summary>
    public static int Report(LopperJobResult result, int verbose)
    {
        foreach (var d in result.Diagnostics)
            if (d.Severity != Severity.Info || verbose > 0) ErrorOutput.WriteReadableLine(d.Display);
        return result.Succeeded ? 0 : 1;
    }
}
