using System.Text;

namespace Viommu.DtEngine.IO;

/// <summary>
/// File names cross between source text and the file system. A name written in a source (<c>/include/</c>,
/// <c>#include</c>, a line marker) is bytes, which the engine reads as Latin-1 text (one char per byte); a path
/// string, as the file system and the command line give it, is Unicode whose bytes on Linux are UTF-8. dtc and cpp
/// see the same bytes in both places, so a name moves between the two through its UTF-8 bytes.
/// </summary>
/// <remarks>A source name whose bytes are not valid UTF-8 cannot name a file through a .NET string; it decodes with
/// replacement characters.</remarks>
public static class FileNameText
{
    /// <summary>A name written in source text (Latin-1, one char per byte) as a path string.</summary>
    public static string FromSourceText(string latin1)
        => Ascii.IsValid(latin1) ? latin1 : Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1));

    /// <summary>A name's bytes from a source as a path string.</summary>
    public static string FromSourceBytes(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>A path string (or any string from the command line) as source text: its UTF-8 bytes, one Latin-1 char
    /// each (what a line marker, an output comment or a message holds; see <see cref="Diagnostics.Diagnostic.Display"/>).</summary>
    public static string ToSourceText(string path)
        => Ascii.IsValid(path) ? path : Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(path));
}
