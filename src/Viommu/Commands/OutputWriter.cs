using Viommu.DtEngine.IO;

namespace Viommu.Cli.Commands;

/// <summary>Writes a command's output to stdout ("-") or atomically to a file.</summary>
public static class OutputWriter
{
    public static int Write(string name, byte[] bytes)
    {
        try
        {
            if (name == "-")
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
                stdout.Flush();
            }
            else AtomicFile.Write(name, bytes);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open output file {name}: {e.Message}");
            return 1;
        }
    }
}
