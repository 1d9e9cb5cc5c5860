using Viommu.DtEngine;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu dtc</c>: a drop-in dtc with dtc's options, output and exit codes.</summary>
public static class DtcCommand
{
    private static readonly GetOpt Options = new("qI:O:o:V:d:R:S:p:a:fb:i:H:sW:E:@LAThv", new[]
    {
        ("quiet", 'q', false), ("in-format", 'I', true), ("out", 'o', true), ("out-format", 'O', true),
        ("out-version", 'V', true), ("out-dependency", 'd', true), ("reserve", 'R', true), ("space", 'S', true),
        ("pad", 'p', true), ("align", 'a', true), ("boot-cpu", 'b', true), ("force", 'f', false),
        ("include", 'i', true), ("sort", 's', false), ("phandle", 'H', true), ("warning", 'W', true),
        ("error", 'E', true), ("symbols", '@', false), ("local-fixups", 'L', false), ("auto-alias", 'A', false),
        ("annotate", 'T', false), ("help", 'h', false), ("version", 'v', false),
        ("cpp", CppFlag, false), ("cpp-include", CppInclude, true), ("cpp-define", CppDefine, true),
    });

    private const char CppFlag = '\u0001';
    private const char CppInclude = '\u0002';
    private const char CppDefine = '\u0003';

    private const string Usage = """
        Usage: dtc [options] <input file>

        Options: -[qI:O:o:V:d:R:S:p:a:fb:i:H:sW:E:@LAThv]
          -q, --quiet            Quiet: -q suppress warnings, -qq errors, -qqq all
          -I, --in-format <arg>  Input formats are: dts, dtb, fs
          -o, --out <arg>        Output file
          -O, --out-format <arg> Output formats are: dts, dtb, yaml (from dts input), asm (assembler source)
          -V, --out-version <arg> Blob version to produce, defaults to 17 (for dtb and asm output)
          -d, --out-dependency <arg> Output dependency file
          -R, --reserve <arg>    Make space for <number> reserve map entries (for dtb and asm output)
          -S, --space <arg>      Make the blob at least <bytes> long
          -p, --pad <arg>        Add padding to the blob of <bytes> long
          -a, --align <arg>      Make the blob align to the <bytes>
          -b, --boot-cpu <arg>   Set the physical boot cpu
          -f, --force            Try to produce output even if the input tree has errors
          -i, --include <arg>    Add a path to search for include files
          -s, --sort             Sort nodes and properties before outputting
          -H, --phandle <arg>    Valid phandle formats are: legacy, epapr, both
          -W, --warning <arg>    Enable/disable warnings (prefix with "no-")
          -E, --error <arg>      Enable/disable errors (prefix with "no-")
          -@, --symbols          Enable generation of symbols
          -L, --local-fixups     Possibly generates a __local_fixups__ and a __fixups__ node at the root node
          -A, --auto-alias       Enable auto-alias of labels
          -T, --annotate         Annotate output .dts with input source file and line (-T -T for more details)
          -h, --help             Print this help and exit
          -v, --version          Print version and exit
              --cpp              Run the C preprocessor first, as the kernel does (-nostdinc -undef -D__DTS__ -x assembler-with-cpp)
              --cpp-include <arg> Add a folder to the preprocessor's #include search path (repeatable)
              --cpp-define <arg> Define a preprocessor macro NAME[=VALUE] (repeatable)
        """;

    private static int Die(string message)
    {
        Console.Error.WriteLine($"FATAL ERROR: {message}");
        return 1;
    }

    private static string CheckNameOf(string setting) => setting.StartsWith("no-") || setting.StartsWith("no_") ? setting[3..] : setting;

    /// <summary>The command for help and shell completion; <see cref="Run"/> parses the arguments as dtc does.</summary>
    public static System.CommandLine.Command Describe() => ForeignCommands.FromGetOpt("dtc",
        "Compile device trees; accepts dtc's options (see 'viommu dtc -h').", Options, new Dictionary<string, string[]>
        {
            ["in-format"] = ["dts", "dtb", "fs"],
            ["out-format"] = ["dts", "dtb", "yaml", "asm", "null"],
            ["phandle"] = ["legacy", "epapr", "both"],
            ["warning"] = DtCompiler.CheckNames.SelectMany(n => new[] { n, "no-" + n }).ToArray(),
            ["error"] = DtCompiler.CheckNames.SelectMany(n => new[] { n, "no-" + n }).ToArray(),
        });

    public static int Run(IReadOnlyList<string> args)
    {
        var parsed = Options.Parse(args);
        if (parsed.Error is not null)
        {
            Console.Error.WriteLine($"viommu dtc: {parsed.Error}");
            Console.Error.WriteLine(Usage);
            return 1;
        }
        string? inform = null, outform = null, depname = null;
        var outname = "-";
        int quiet = 0, version = 17, reserve = 0, minsize = 0, padsize = 0, align = 0, annotate = 0;
        bool force = false, sort = false, symbols = false, fixups = false, aliases = false;
        long? bootCpu = null;
        var format = PhandleFormat.Epapr;
        var includes = new List<string>();
        var checks = new List<(bool, bool, string)>();
        var cpp = false;
        var cppIncludes = new List<string>();
        var cppDefines = new List<(string, string)>();
        foreach (var (opt, value) in parsed.Options)
        {
            switch (opt)
            {
                case 'I': inform = value; break;
                case 'O': outform = value; break;
                case 'o': outname = value!; break;
                case 'V': version = unchecked((int)CNumber.Strtol(value, 0, out _)); break;
                case 'd': depname = value; break;
                case 'R': reserve = unchecked((int)CNumber.Strtoul(value, 0, out _)); break;
                case 'S': minsize = unchecked((int)CNumber.Strtol(value, 0, out _)); break;
                case 'p': padsize = unchecked((int)CNumber.Strtol(value, 0, out _)); break;
                case 'a':
                    align = unchecked((int)CNumber.Strtol(value, 0, out _));
                    if (align <= 0 || (align & (align - 1)) != 0) return Die($"Invalid argument \"{align}\" to -a option");
                    break;
                case 'f': force = true; break;
                case 'q': quiet++; break;
                case 'b':
                    // dtc's "not given" is -1, so -b -1 leaves the boot CPU to the tree
                    bootCpu = CNumber.Strtol(value, 0, out _);
                    if (bootCpu == -1) bootCpu = null;
                    break;
                case 'i': includes.Add(value!); break;
                case 'v':
                    Console.WriteLine($"Version: DTC 1.8.1 (viommu {VersionInfo.Text})");
                    return 0;
                case 'H':
                    format = value switch
                    {
                        "legacy" => PhandleFormat.Legacy,
                        "epapr" => PhandleFormat.Epapr,
                        "both" => PhandleFormat.Both,
                        _ => (PhandleFormat)0,
                    };
                    if (format == 0) return Die($"Invalid argument \"{value}\" to -H option");
                    break;
                case 's': sort = true; break;
                // a check name is looked up where the option stands, so an unknown one stops before later options
                case 'W' or 'E':
                    if (!DtCompiler.IsKnownCheckSetting(value!)) return Die($"Unrecognized check name \"{CheckNameOf(value!)}\"");
                    checks.Add((opt == 'W', opt == 'E', value!));
                    break;
                case '@': symbols = true; break;
                case 'L': fixups = true; break;
                case 'A': aliases = true; break;
                case 'T': annotate++; break;
                case 'h':
                    Console.WriteLine(Usage);
                    return 0;
                case CppFlag: cpp = true; break;
                case CppInclude: cppIncludes.Add(value!); break;
                case CppDefine: cppDefines.Add(("D", value!)); break;
            }
        }
        if (parsed.Operands.Count > 1)
        {
            Console.Error.WriteLine("Error: missing files");
            Console.Error.WriteLine(Usage);
            return 1;
        }
        var input = parsed.Operands.Count == 1 ? parsed.Operands[0] : "-";
        if (minsize != 0 && padsize != 0) return Die("Can't set both -p and -S");
        // dtc opens its dependency file before it reads the input: a file that cannot be written stops the run first
        if (depname is not null && OutputWriter.CannotWrite(depname) is { } why) return Die($"Couldn't open dependency file {depname}: {why}");
        var preprocessed = cpp || cppIncludes.Count > 0 || cppDefines.Count > 0;
        // a preprocessed input's size says little: a small board file includes the large SoC files
        RunMemory.NoCollectionsForInput(input, preprocessed ? RunMemory.SmallRunBytes : 0);

        var settings = new DtcSettings
        {
            Input = input,
            InputFormat = inform,
            OutputFormat = outform,
            OutputName = outname,
            IncludePaths = includes,
            Annotate = annotate,
            Preprocess = preprocessed ? PpOptions.ForDeviceTree(cppIncludes, cppDefines) : null,
            Compile = new CompileOptions
            {
                Quiet = quiet,
                Force = force,
                Sort = sort,
                PhandleFormat = format,
                GenerateSymbols = symbols,
                GenerateFixups = fixups,
                AutoAliases = aliases,
                BootCpuId = bootCpu is { } b ? unchecked((uint)b) : null,
                CheckSettings = checks,
            },
            Blob = new DtbWriteOptions { Version = version, ReserveSlots = reserve, MinimumSize = minsize, Padding = padsize, Alignment = align },
        };
        var result = DtcDriver.Run(settings);
        ErrorOutput.WriteBytes(result.Diagnostics);
        if (depname is not null)
        {
            try
            {
                AtomicFile.WriteText(depname, DtcDriver.DependencyLine(outname, result.Dependencies, result.InputRead));
            }
            catch (OutputWriteException e)
            {
                return Die($"Error writing dependency file {depname}: {IoErrorText.Of(e)}");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Die($"Couldn't open dependency file {depname}: {IoErrorText.Of(e)}");
            }
        }
        if (result.ExitCode != 0 || result.Output is null) return result.ExitCode;
        // dtc checks its blob's one write; its text outputs go through unchecked printf calls, whose failure viommu
        // still reports (in its own words)
        return OutputWriter.Write(outname, result.Output,
            result.OutputFormat == "dtb" ? reason => $"FATAL ERROR: Error writing device tree blob: {reason}" : null);
    }
}
