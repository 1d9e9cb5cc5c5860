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
            Console.Error.WriteLine($"FATAL ERROR: Couldn't open output file {name}: {Describe(e)}");
            return 1;
        }
    }

    /// <summary>The reason in the system's words (AOT builds carry no exception message texts).</summary>
    public static string Describe(Exception e) => e switch
    {
        DirectoryNotFoundException => "No such file or directory",
        FileNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        _ => e.Message,
    };
}
