using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Overlay;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu overlay</c>: fdtoverlay's job and options (<c>-i BASE -o OUT OVERLAY...</c>), the same output bytes.</summary>
public static class OverlayCommand
{
    private static readonly GetOpt Options = new("i:o:vhV", new[]
    {
        ("input", 'i', true), ("output", 'o', true), ("verbose", 'v', false), ("help", 'h', false), ("version", 'V', false),
    });

    private const string Usage = """
        Usage: viommu overlay <options> [<overlay.dtbo> [<overlay.dtbo>]]

        Options: -[i:o:vhV]
          -i, --input <arg>   Input base DT blob
          -o, --output <arg>  Output DT blob
          -v, --verbose       Verbose messages
          -h, --help          Print this help and exit
          -V, --version       Print version and exit
        """;

    /// <summary>The command for help and shell completion; <see cref="Run"/> parses the arguments as fdtoverlay does.</summary>
    public static System.CommandLine.Command Describe() => ForeignCommands.FromGetOpt("overlay",
        "Apply overlays to a base blob as fdtoverlay does: -i BASE -o OUT OVERLAY...; see 'viommu overlay -h'.", Options);

    public static int Run(IReadOnlyList<string> args)
    {
        var parsed = Options.Parse(args);
        if (parsed.Error is not null)
        {
            Console.Error.WriteLine($"viommu overlay: {parsed.Error}");
            Console.Error.WriteLine(Usage);
            return 1;
        }
        string? input = null, output = null;
        var verbose = false;
        foreach (var (opt, value) in parsed.Options)
        {
            switch (opt)
            {
                case 'i': input = value; break;
                case 'o': output = value; break;
                case 'v': verbose = true; break;
                case 'h': Console.WriteLine(Usage); return 0;
                case 'V': Console.WriteLine($"Version: DTC 1.8.1 (viommu {VersionInfo.Text})"); return 0;
            }
        }
        if (input is null || output is null)
        {
            Console.Error.WriteLine("viommu overlay: an input base blob (-i) and an output file (-o) are needed");
            Console.Error.WriteLine(Usage);
            return 1;
        }
        RunMemory.NoCollectionsForInput(input);
        var baseBlob = Load(input, "base");
        if (baseBlob is null) return 1;
        foreach (var overlay in parsed.Operands)
        {
            var blob = Load(overlay, "overlay");
            if (blob is null) return 1;
            try
            {
                OverlayApplier.Apply(baseBlob, blob);
            }
            catch (OverlayException e)
            {
                Console.Error.WriteLine($"{overlay}: error: cannot apply to {input}: {Diagnostic.ReadableText(e.Message)}");
                return 1;
            }
            if (verbose) Console.Error.WriteLine($"applied {overlay}");
        }
        // fdtoverlay's two messages (utilfdt_write's, then its own)
        return OutputWriter.Write(output, baseBlob.Pack(),
            reason => $"Couldn't write blob to '{output}': {reason}\n\nFailed to write '{output}'");
    }

    /// <summary>Reads and checks a blob (a corrupt one is reported with its byte offset) and opens it for editing.</summary>
    private static FdtBlob? Load(string path, string what)
    {
        byte[] bytes;
        try
        {
            // "-" is standard input, as for fdtoverlay
            bytes = path == "-" ? StandardInput.TryReadAll(out var failure) ?? throw new IOException(failure) : File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is ArgumentException && path.Length == 0))
        {
            Console.Error.WriteLine($"{path}: error: cannot read the {what} blob: {(path == "-" ? e.Message : IoErrorText.Of(e, path))}");
            return null;
        }
        var bag = new DiagnosticBag();
        if (DtbReader.Read(bytes, bag, path) is null || bag.HasErrors)
        {
            foreach (var d in bag.Items) ErrorOutput.WriteReadableLine(d.Display);
            return null;
        }
        if (FdtBlob.UnsupportedVersion(bytes, what == "base") is { } reason)
        {
            Console.Error.WriteLine($"{path}: error: cannot use it as the {what} blob: {reason}");
            return null;
        }
        return new FdtBlob(bytes);
    }
}
