using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Compile;

/// <summary>
/// Reads a tree for further work (not for dtc output): DTS or DTB chosen by content (a pipe's too), references resolved
/// and phandles assigned as dtc would, check warnings kept in the bag. Returns null, with located errors
/// in the bag, when the input is bad.
/// </summary>
public static class TreeLoader
{
    /// <summary>Loads a DTS or DTB file; <paramref name="includePaths"/> is the /include/ search path.</summary>
    public static DeviceTree? Load(string path, DiagnosticBag diagnostics, IEnumerable<string>? includePaths = null, CompileOptions? options = null)
    {
        var resolver = new SourceResolver(includePaths);
        try
        {
            var format = DtcDriver.GuessInputFormat(path, "dts", out var stream);
            DeviceTree? tree;
            if (stream)
            {
                // a pipe (a shell's <(...), /dev/stdin) is read once and then told apart by its bytes: dtc's guess,
                // which does not read one, would take a blob for DTS, and these commands have no -I to say otherwise
                var (name, data) = resolver.Open(path, null, Dts.OpenedAs.Blob);
                if (data.Length >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data) == Fdt.Magic)
                    tree = DtbReader.Read(data, diagnostics, name);
                else
                {
                    var once = new SourceResolver(includePaths, p => p == path ? data : SourceResolver.ReadFileOrNull(p));
                    tree = DtsParser.Parse(path, once, diagnostics);
                }
            }
            else if (format == "dtb")
            {
                var (name, data) = resolver.Open(path, null, Dts.OpenedAs.Blob);
                tree = DtbReader.Read(data, diagnostics, name);
            }
            else if (format == "fs")
            {
                tree = Fs.FsReader.Read(path, diagnostics);
            }
            else
            {
                tree = DtsParser.Parse(path, resolver, diagnostics);
            }
            return tree is null ? null : Resolve(tree, diagnostics, options) ? tree : null;
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
    }

    /// <summary>Parses DTS text (for tests and embedded trees) and resolves it like <see cref="Load"/>.</summary>
    public static DeviceTree? LoadText(string text, DiagnosticBag diagnostics, string fileName = "<input>")
    {
        var tree = DtsParser.ParseText(text, diagnostics, fileName);
        return tree is not null && Resolve(tree, diagnostics) ? tree : null;
    }

    /// <summary>Runs dtc's checks and fix-ups (phandles, references) on a parsed tree.</summary>
    public static bool Resolve(DeviceTree tree, DiagnosticBag diagnostics, CompileOptions? options = null)
        => DtCompiler.Process(tree, options ?? new CompileOptions(), diagnostics) == CompileOutcome.Ok;
}
