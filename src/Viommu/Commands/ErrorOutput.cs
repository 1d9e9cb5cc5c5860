using System.Text;
using Viommu.DtEngine.Diagnostics;

namespace Viommu.Cli.Commands;

/// <summary>
/// Prints the engine's messages to stderr. Their text is bytes, one char each (see <see cref="Diagnostic"/>): the
/// commands standing in for dtc and cpp print those bytes, as dtc and cpp do; the tool's own commands print them
/// readable (<see cref="Diagnostic.ReadableText"/>), through the console's UTF-8 like their other messages.
/// </summary>
internal static class ErrorOutput
{
    private static Stream? _stderr;

    /// <summary>Writes message text as its bytes (one write for all of it).</summary>
    public static void WriteBytes(string text)
    {
        if (text.Length == 0) return;
        Console.Error.Flush(); // keep the order of anything written through Console.Error before
        var stream = _stderr ??= Console.OpenStandardError();
        stream.Write(Encoding.Latin1.GetBytes(text));
        stream.Flush();
    }

    /// <summary>Writes each diagnostic as dtc prints it (<see cref="Diagnostic.Printed"/>), as its bytes.</summary>
    public static void WriteBytes(IReadOnlyList<Diagnostic> diagnostics)
    {
        // indexed, not enumerated: an interface enumeration on the dtc path is bound by the AOT type loader at first use
        if (diagnostics.Count == 0) return;
        var text = new StringBuilder();
        for (var i = 0; i < diagnostics.Count; i++) text.Append(diagnostics[i].Printed);
        WriteBytes(text.ToString());
    }

    /// <summary>Writes a line of message text for a reader.</summary>
    public static void WriteReadableLine(string text) => Console.Error.WriteLine(Diagnostic.ReadableText(text));
}
