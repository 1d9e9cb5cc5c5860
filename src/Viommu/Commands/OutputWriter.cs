using Viommu.DtEngine.IO;

namespace Viommu.Cli.Commands;

/// <summary>Writes a command's output to stdout ("-") or atomically to a file.</summary>
public static class OutputWriter
{
    /// <summary>Writes <paramref name="bytes"/>; a failure to open is dtc's "Couldn't open output file", a failure to
    /// write what <paramref name="writeFailure"/> makes of the reason (the message lines the command's original prints;
    /// by default "Error writing output file NAME: REASON").</summary>
    public static int Write(string name, byte[] bytes, Func<string, string>? writeFailure = null)
    {
        try
        {
            if (name == "-")
            {
                // a reader gone is dtc's SIGPIPE death, without a message
                if (!StandardOutput.TryWriteAll(bytes)) return StandardOutput.BrokenPipeStatus;
            }
            else AtomicFile.Write(name, bytes);
            return 0;
        }
        catch (OutputWriteException e)
        {
            var reason = IoErrorText.Of(e);
            Console.Error.WriteLine(writeFailure?.Invoke(reason) ?? $"FATAL ERROR: Error writing output file {name}: {reason}");
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open output file {name}: {IoErrorText.Of(e, name)}");
            return 1;
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be written, or null: asked before a run for a file dtc opens before it
    /// reads its input (the dependency file), so that the failure comes first, as with dtc, while the file itself is
    /// still written atomically at the end.
    /// </summary>
    public static string? CannotWrite(string path)
    {
        try
        {
            AtomicFile.CheckWritable(path);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return IoErrorText.Of(e, path);
        }
    }
}
