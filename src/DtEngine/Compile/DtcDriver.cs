using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Compile;

/// <summary>Everything one dtc invocation needs, format names as dtc spells them.</summary>
public sealed record DtcSettings
{
    public string Input { get; init; } = "-";
    public string? InputFormat { get; init; }
    public string? OutputFormat { get; init; }
    public string OutputName { get; init; } = "-";
    public IReadOnlyList<string> IncludePaths { get; init; } = Array.Empty<string>();
    public CompileOptions Compile { get; init; } = new();
    public DtbWriteOptions Blob { get; init; } = new();
    public int Annotate { get; init; }
    /// <summary>Content of standard input, when the input is "-" (tests set it; null reads the console).</summary>
    public byte[]? StandardInput { get; init; }
    /// <summary>Run the C preprocessor on DTS input first (<c>--cpp</c>); null: read the source as it is.</summary>
    public Preprocessor.PpOptions? Preprocess { get; init; }
}

/// <summary>The result of a dtc run: exit code (dtc's), output bytes, diagnostics, files read.</summary>
public sealed record DtcResult(int ExitCode, byte[]? Output, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Dependencies)
{
    /// <summary>Whether the input was read into a tree (dtc ends its dependency line only then).</summary>
    public bool InputRead { get; init; }

    /// <summary>The format <see cref="Output"/> is in (dtb, dts, asm, yaml, null), when there is output.</summary>
    public string? OutputFormat { get; init; }
}

/// <summary>
/// One dtc run in process: guess formats, read, check and fix up, generate nodes, write.
/// The same flow as dtc's main(), with its exit codes (1 for input errors, 2 for check errors).
/// </summary>
public static class DtcDriver
{
    public static string? GuessFormatByName(string name, string? fallback)
    {
        var dot = name.LastIndexOf('.');
        if (dot < 0) return fallback;
        return name[dot..].ToLowerInvariant() switch
        {
            ".dts" => "dts",
            ".yaml" => "yaml",
            ".dtbo" or ".dtb" => "dtb",
            _ => fallback,
        };
    }

    public static string GuessInputFormat(string name, string fallback) => GuessInputFormat(name, fallback, out _);

    /// <summary>dtc's guess of an input's format; <paramref name="stream"/> tells whether the input exists and is
    /// neither a regular file nor a folder (a pipe or a device: what can be read only once).</summary>
    public static string GuessInputFormat(string name, string fallback, out bool stream)
    {
        // as dtc: a folder is "fs", and only a regular file is opened for its magic. A pipe (/dev/stdin, a shell's
        // <(...)) would lose the bytes read here, and a FIFO without a writer would block.
        stream = false;
        var mode = UnixStat.Mode(name, out var available);
        if (available)
        {
            if (mode is not { } m) return fallback;
            if ((m & UnixStat.TypeMask) == UnixStat.Directory) return "fs";
            stream = (m & UnixStat.TypeMask) != UnixStat.Regular;
            if (stream) return fallback;
        }
        else
        {
            if (Directory.Exists(name)) return "fs";
            if (!File.Exists(name)) return fallback;
        }
        try
        {
            // a handle, not a FileStream: a small run makes no stream objects
            using var handle = File.OpenHandle(name);
            Span<byte> magic = stackalloc byte[4];
            if (RandomAccess.Read(handle, magic, 0) != 4) return fallback;
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(magic) == Fdt.Magic ? "dtb" : fallback;
        }
        catch (IOException) { return fallback; }
        catch (UnauthorizedAccessException) { return fallback; }
    }

    // the preprocessor's dependencies, then the files the parser opened that are not among them; a loop, not
    // LINQ's Concat/Where/ToList, which the AOT runtime binds at first use (~1 % of a small run)
    private static List<string> WithOpened(List<string> dependencies, List<string> opened)
    {
        var all = new List<string>(dependencies);
        foreach (var o in opened)
            if (!dependencies.Contains(o)) all.Add(o);
        return all;
    }

    public static DtcResult Run(DtcSettings s)
    {
        var diagnostics = new DiagnosticBag();
        var inform = s.InputFormat ?? (s.Input == "-" ? "dts" : GuessInputFormat(s.Input, "dts"));
        var resolver = new SourceResolver(s.IncludePaths) { StandardInput = s.StandardInput };
        var dependencies = new List<string>();
        var inputRead = false;
        DtcResult Done(int code, byte[]? output = null) =>
            new(code, output, diagnostics.Items, WithOpened(dependencies, resolver.Opened)) { InputRead = inputRead };
        if (s.Preprocess is { } cpp && inform == "dts")
        {
            var pp = Preprocessor.CPreprocessor.Run(s.Input, cpp, s.StandardInput);
            foreach (var m in pp.Messages)
                diagnostics.Add(new Diagnostic(m.IsError ? Severity.Error : Severity.Warning, "cpp", m.Location, m.Message, m.Printed));
            dependencies.AddRange(pp.Dependencies);
            if (pp.Failed) return Done(1);
            // The parser reads the preprocessed text under the input's name; its line markers name the real files.
            var text = pp.Bytes;
            var input = s.Input;
            resolver = new SourceResolver(s.IncludePaths, path => path == input ? text : SourceResolver.ReadFileOrNull(path)) { StandardInput = text };
        }
        try
        {
            var outform = s.OutputFormat ?? GuessFormatByName(s.OutputName, null) ?? (inform == "dts" ? "dtb" : "dts");
            if (s.Annotate > 0 && (inform != "dts" || outform != "dts"))
                throw new DtFatalException("--annotate requires -I dts -O dts");

            DeviceTree? tree = inform switch
            {
                "dts" => DtsParser.Parse(s.Input, resolver, diagnostics),
                "dtb" => ReadBlob(s.Input, resolver, diagnostics),
                "fs" => Fs.FsReader.Read(s.Input, diagnostics),
                _ => throw new DtFatalException($"Unknown input format \"{IO.FileNameText.ToSourceText(inform)}\""),
            };
            if (tree is null) return Done(FailureStatus(diagnostics));
            inputRead = true;

            var compile = s.Compile with { OutputName = s.OutputName };
            var outcome = DtCompiler.Process(tree, compile, diagnostics);
            if (outcome == CompileOutcome.Fatal) return Done(1);
            if (outcome == CompileOutcome.CheckErrors) return Done(2);

            byte[] output = outform switch
            {
                "dts" => DtsWriter.WriteBytes(tree, new DtsWriteOptions { Annotate = s.Annotate }),
                // its one warning (a blob past -S) is not printed under -q, as in dtc
                "dtb" => DtbWriter.Write(tree, s.Blob, compile.Quiet < 1 ? diagnostics : null),
                "null" => Array.Empty<byte>(),
                "yaml" => inform == "dts" ? Yaml.YamlWriter.Write(tree) : throw new DtFatalException("YAML output format requires dts input format"),
                "asm" => AsmWriter.Write(tree, s.Blob),
                _ => throw new DtFatalException($"Unknown output format \"{IO.FileNameText.ToSourceText(outform)}\""),
            };
            return Done(0, output) with { OutputFormat = outform };
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return Done(e.ExitStatus);
        }
    }

    /// <summary>The exit status of a run whose input could not be read: the last message's, as dtc stops there.</summary>
    private static int FailureStatus(DiagnosticBag diagnostics)
        => diagnostics.Count > 0 && diagnostics.Items[^1].ExitStatus is { } status ? status : 1;

    private static DeviceTree? ReadBlob(string input, SourceResolver resolver, DiagnosticBag diagnostics)
    {
        var (name, data) = resolver.Open(input, null, OpenedAs.Blob);
        return DtbReader.Read(data, diagnostics, name);
    }

    /// <summary>Make-style dependency line as dtc writes it: <c>OUT: dep1 dep2</c>, spaces escaped.</summary>
    /// <param name="outputName">the target</param>
    /// <param name="dependencies">the files read</param>
    /// <param name="complete">false for a run that stopped before its input was read: dtc writes the line as it opens
    /// files and its line end once the tree is read, so such a line has none</param>
    public static string DependencyLine(string outputName, IEnumerable<string> dependencies, bool complete = true)
    {
        static string Escape(string p) => p.Replace(" ", "\\ ");
        var sb = new StringBuilder();
        sb.Append(Escape(outputName)).Append(':');
        foreach (var d in dependencies) sb.Append(' ').Append(Escape(d));
        if (complete) sb.Append('\n');
        return sb.ToString();
    }
}
