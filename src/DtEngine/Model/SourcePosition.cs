namespace Viommu.DtEngine.Model;

/// <summary>
/// A span of DTS source (dtc's srcpos): lines and columns are 1-based, the last column is one past the end.
/// A node defined in several places chains its positions through <see cref="Next"/>.
/// </summary>
public sealed class SourcePosition
{
    public SourcePosition(string file, int firstLine, int firstColumn, int lastLine, int lastColumn)
    {
        File = file;
        FirstLine = firstLine;
        FirstColumn = firstColumn;
        LastLine = lastLine;
        LastColumn = lastColumn;
    }

    public string File { get; }
    public int FirstLine { get; }
    public int FirstColumn { get; }
    public int LastLine { get; }
    public int LastColumn { get; }
    public SourcePosition? Next { get; set; }

    public SourcePosition Span(SourcePosition last) => new(File, FirstLine, FirstColumn, last.LastLine, last.LastColumn);

    public SourcePosition CopyAlone() => new(File, FirstLine, FirstColumn, LastLine, LastColumn);

    /// <summary>dtc's format: <c>file:L.C-C</c>, <c>file:L.C-L.C</c> or <c>file:L.C</c>, as message text: the file
    /// name as its UTF-8 bytes, one char each (see <see cref="Diagnostics.Diagnostic.Display"/>).</summary>
    public override string ToString()
    {
        var file = IO.FileNameText.ToSourceText(File);
        if (FirstLine != LastLine) return $"{file}:{FirstLine}.{FirstColumn}-{LastLine}.{LastColumn}";
        if (FirstColumn != LastColumn) return $"{file}:{FirstLine}.{FirstColumn}-{LastColumn}";
        return $"{file}:{FirstLine}.{FirstColumn}";
    }
}
