using System.Text;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Preprocessor;

namespace Viommu.Cli.Commands;

/// <summary>
/// <c>viommu cpp</c>: the preprocessor with GNU cpp's flags as build systems pass them
/// (<c>-nostdinc -undef -x assembler-with-cpp -I -D -U -include -o -P</c> and the <c>-M</c> family).
/// </summary>
public static class CppCommand
{
    private const string Usage = """
        Usage: viommu cpp [options] [INPUT] [-o OUTPUT]
          -I DIR / -iquote DIR / -isystem DIR / -idirafter DIR   search folders
          -D NAME[=VALUE] / -U NAME       define / undefine a macro
          -include FILE                   process FILE first
          -o FILE                         write here (default: standard output)
          -P                              no line markers
          -M -MM -MD -MMD -MF FILE -MT T -MQ T -MP   dependency rules, as cpp
          -nostdinc -undef -x assembler-with-cpp -E -w -W... -std=...   accepted (this is always their behaviour)
        """;

    private sealed class Settings
    {
        public List<string> Quote { get; } = new();
        public List<string> Include { get; } = new();
        public List<string> System { get; } = new();
        public List<string> After { get; } = new();
        public List<(string, string)> Macros { get; } = new();
        public List<string> Forced { get; } = new();
        public string? Input;
        public string Output = "-";
        public bool LineMarkers = true;
        public bool Undef;
        public bool Assembler = true;
        public bool DepsOnly;
        public bool Deps;
        public string? DepFile;
        public List<MakeTarget> Targets { get; } = new();
        public bool Phony;
        public bool UserDepsOnly;
        public bool CanonicalSystemHeaders = true;
        public bool InhibitWarnings;
    }

    /// <summary>The command for help and shell completion; <see cref="Run"/> parses the arguments as GNU cpp does.</summary>
    public static System.CommandLine.Command Describe() => ForeignCommands.FromFlags("cpp",
        "Preprocess like GNU cpp (-I -D -U -include -o -P -M...); see 'viommu cpp -h'.",
        ["-I", "-iquote", "-isystem", "-idirafter", "-include", "-D", "-U", "-o", "-x", "-P", "-undef", "-nostdinc", "-E",
         "-M", "-MM", "-MD", "-MMD", "-MF", "-MT", "-MQ", "-MP", "-MG"],
        new HashSet<string> { "-I", "-iquote", "-isystem", "-idirafter", "-include", "-D", "-U", "-o", "-x", "-MF", "-MT", "-MQ" },
        new Dictionary<string, string[]> { ["-x"] = ["assembler-with-cpp", "c", "none"] });

    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Contains("--version"))
        {
            Console.WriteLine($"viommu cpp ({VersionInfo.Text})");
            return 0;
        }
        var s = new Settings();
        var error = Parse(Expand(args), s);
        if (error is not null)
        {
            if (error.Length == 0) { Console.WriteLine(Usage); return 0; }
            Console.Error.WriteLine($"viommu cpp: error: {error}");
            return 1;
        }
        if (s.Output.Length == 0)
        {
            // gcc's driver refuses it before anything is read
            ErrorOutput.WriteBytes("viommu cpp: fatal error: output filename may not be empty\ncompilation terminated.\n");
            return 1;
        }
        if (s.Input is { } named && named != "-" && s.Output != "-" && AtomicFile.SameFile(named, s.Output))
        {
            // gcc's driver check (its words, with the output's name), before anything is read
            ErrorOutput.WriteBytes($"viommu cpp: fatal error: input file '{s.Output}' is the same as output file\ncompilation terminated.\n");
            return 1;
        }
        // the input's size says little here: a small board file includes the large SoC files
        RunMemory.NoCollectionsWhileShort(RunMemory.SmallRunBytes);
        var options = new PpOptions
        {
            QuoteIncludePaths = s.Quote,
            IncludePaths = s.Include,
            SystemIncludePaths = s.System.Concat(s.After).ToList(),
            MacroOperations = s.Macros,
            ForcedIncludes = s.Forced,
            Assembler = s.Assembler,
            Undef = s.Undef,
            LineMarkers = s.LineMarkers,
            UserDependenciesOnly = s.UserDepsOnly,
            CanonicalSystemHeaders = s.CanonicalSystemHeaders,
            InhibitWarnings = s.InhibitWarnings,
            SourceDateEpoch = long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), out var epoch) ? epoch : null,
        };
        var input = s.Input ?? "-";
        var result = CPreprocessor.Run(input, options);
        var messages = new StringBuilder();
        foreach (var m in result.Messages) messages.Append(m.Printed).Append('\n');
        // cc1's closing line after a fatal error (a missing header)
        var stopped = result.Messages.Any(m => m.Severity == PpSeverity.Fatal);
        if (stopped) messages.Append("compilation terminated.\n");
        ErrorOutput.WriteBytes(messages.ToString());
        // cpp writes its make rule after an error it went on from, not after a fatal one
        if ((s.Deps || s.DepsOnly) && !stopped)
        {
            IReadOnlyList<MakeTarget> targets = s.Targets.Count > 0 ? s.Targets : [DependencyFile.DefaultTarget(input)];
            // cpp lists standard input in no rule (and writes none when nothing else was read)
            var rule = DependencyFile.Rule(targets, input == "-" ? result.Dependencies.Skip(1).ToList() : result.Dependencies, s.Phony);
            if (s.DepsOnly && s.DepFile is null)
                return result.Failed ? Failed(s.Output, Encoding.UTF8.GetBytes(rule)) : OutputWriter.Write(s.Output, Encoding.UTF8.GetBytes(rule), WriteFailure(s.Output));
            var depFile = s.DepFile ?? ReplaceExtension(s.Output == "-" ? Path.GetFileName(input) : s.Output, ".d");
            try
            {
                AtomicFile.WriteText(depFile, rule);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"viommu cpp: error: cannot write {depFile}: {IoErrorText.Of(e)}");
                return 1;
            }
            if (s.DepsOnly) return result.Failed ? 1 : 0;
        }
        if (result.Failed) return Failed(s.Output, s.DepsOnly ? [] : result.Bytes);
        return OutputWriter.Write(s.Output, result.Bytes, WriteFailure(s.Output));
    }

    // cpp's words for an output it could not write (it names standard output by an empty name; it also places the
    // message at the line being read, which viommu, writing once at the end, does not have)
    private static Func<string, string> WriteFailure(string output) =>
        reason => $"viommu cpp: fatal error: when writing output to {(output == "-" ? "" : output)}: {reason}\ncompilation terminated.";

    /// <summary>A failed run's output, as cpp leaves it: what was made goes to standard output; an -o file is removed
    /// (gcc's driver deletes a failed run's output), so nothing stale stays behind for make.</summary>
    private static int Failed(string output, byte[] made)
    {
        if (output == "-") OutputWriter.Write("-", made);
        else AtomicFile.DeleteFailedOutput(output);
        return 1;
    }

    private static string ReplaceExtension(string name, string extension)
    {
        var dot = name.LastIndexOf('.');
        return (dot > 0 ? name[..dot] : name) + extension;
    }

    /// <summary>Splits <c>-Wp,a,b</c> (options gcc hands to its preprocessor) into separate arguments.</summary>
    private static List<string> Expand(IReadOnlyList<string> args)
    {
        var list = new List<string>();
        foreach (var a in args)
        {
            if (!a.StartsWith("-Wp,", StringComparison.Ordinal)) { list.Add(a); continue; }
            var parts = a[4..].Split(',');
            // cc1's "-MD FILE" (how gcc -Wp passes it) is -MD with -MF FILE here.
            if (parts.Length == 2 && parts[0] is "-MD" or "-MMD") list.AddRange(new[] { parts[0], "-MF", parts[1] });
            else list.AddRange(parts);
        }
        return list;
    }

    /// <summary>Null when the arguments are good, "" for help, otherwise the message.</summary>
    private static string? Parse(List<string> args, Settings s)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var a = args[i];
            string? Value(string option)
            {
                if (a.Length > option.Length) return a[option.Length..];
                return i + 1 < args.Count ? args[++i] : null;
            }
            if (a == "-" || !a.StartsWith('-'))
            {
                if (s.Input is not null)
                {
                    if (s.Output != "-") return "too many input files";
                    s.Output = a;
                    continue;
                }
                s.Input = a;
                continue;
            }
            if (a is "-h" or "--help") return "";
            if (a == "-nostdinc" || a == "-nostdinc++" || a == "-E" || a == "-ansi" || a == "-v" || a == "-H" || a == "-Q") continue;
            if (a == "-undef") { s.Undef = true; continue; }
            if (a == "-w") { s.InhibitWarnings = true; continue; }
            if (a == "-P") { s.LineMarkers = false; continue; }
            if (a is "-fcanonical-system-headers" or "-fno-canonical-system-headers") { s.CanonicalSystemHeaders = a[2] == 'c'; continue; }
            if (a == "-C" || a == "-CC") return $"{a} (keep comments) is not supported";
            if (a == "-traditional" || a == "-traditional-cpp") return $"{a} is not supported";
            if (a.StartsWith("-std=", StringComparison.Ordinal) || a.StartsWith("-W", StringComparison.Ordinal) || a.StartsWith("-f", StringComparison.Ordinal)) continue;
            if (a.StartsWith("-x", StringComparison.Ordinal))
            {
                var lang = Value("-x");
                if (lang is null) return "missing argument to '-x'";
                s.Assembler = lang == "assembler-with-cpp";
                if (lang is not ("assembler-with-cpp" or "c" or "none")) return $"language {lang} not recognized";
                continue;
            }
            if (a.StartsWith("-iquote", StringComparison.Ordinal)) { var v = Value("-iquote"); if (v is null) return "missing path after '-iquote'"; s.Quote.Add(v); continue; }
            if (a.StartsWith("-isystem", StringComparison.Ordinal)) { var v = Value("-isystem"); if (v is null) return "missing path after '-isystem'"; s.System.Add(v); continue; }
            if (a.StartsWith("-idirafter", StringComparison.Ordinal)) { var v = Value("-idirafter"); if (v is null) return "missing path after '-idirafter'"; s.After.Add(v); continue; }
            if (a.StartsWith("-include", StringComparison.Ordinal)) { var v = Value("-include"); if (v is null) return "missing filename after '-include'"; s.Forced.Add(v); continue; }
            if (a.StartsWith("-I", StringComparison.Ordinal)) { var v = Value("-I"); if (v is null) return "missing path after '-I'"; s.Include.Add(v); continue; }
            if (a.StartsWith("-D", StringComparison.Ordinal)) { var v = Value("-D"); if (v is null) return "macro name missing after '-D'"; s.Macros.Add(("D", v)); continue; }
            if (a.StartsWith("-U", StringComparison.Ordinal)) { var v = Value("-U"); if (v is null) return "macro name missing after '-U'"; s.Macros.Add(("U", v)); continue; }
            if (a.StartsWith("-o", StringComparison.Ordinal)) { var v = Value("-o"); if (v is null) return "missing filename after '-o'"; s.Output = v; continue; }
            switch (a)
            {
                case "-M": case "-MM": s.DepsOnly = true; s.UserDepsOnly = a == "-MM"; continue;
                case "-MD": case "-MMD": s.Deps = true; s.UserDepsOnly = a == "-MMD"; continue;
                case "-MP": s.Phony = true; continue;
                case "-MG": continue;
                case "-MF": if (i + 1 >= args.Count) return "missing filename after '-MF'"; s.DepFile = args[++i]; continue;
                case "-MT": case "-MQ": if (i + 1 >= args.Count) return $"missing makefile target after '{a}'"; s.Targets.Add(new MakeTarget(args[++i], Quoted: a == "-MQ")); continue;
            }
            return $"unrecognized command-line option '{a}'";
        }
        return null;
    }
}
