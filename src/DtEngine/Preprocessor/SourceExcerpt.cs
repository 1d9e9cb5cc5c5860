using System.Globalization;
using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// The source excerpt GNU cpp 12 prints under a message (gcc's caret diagnostics with the C family's defaults): the
/// line, numbered in a margin at least five wide, with tabs as spaces and trailing white space dropped; under it a
/// caret at the place and a '~' under each further column of the token there. A place that is a line alone gets an
/// empty caret line.
/// </summary>
internal static class SourceExcerpt
{
    private const int NarrowestMargin = 5;

    /// <param name="line">The line's text without its newline (Latin-1, a char per byte).</param>
    /// <param name="number">The line number the margin shows.</param>
    /// <param name="column">The place's character column, 1-based (past the line's end too); 0 for the line alone.</param>
    /// <param name="length">How many characters from there the token spans (0 or 1: a caret alone; -1: no caret).</param>
    /// <param name="underlineInText">'~' only between the line's first and last non-blank display columns, blanks
    /// elsewhere up to the token's end (gcc's drawing of a range it takes for a multi-line one).</param>
    public static string Format(string line, int number, int column, int length, bool underlineInText = false)
    {
        var digits = number.ToString(CultureInfo.InvariantCulture);
        var margin = Math.Max(NarrowestMargin, digits.Length);
        var sb = new StringBuilder();
        sb.Append(digits.PadLeft(margin)).Append(" | ");
        var shown = line.AsSpan().TrimEnd(" \t\r\n\v\f").Length;
        var width = 0;
        for (var i = 0; i < shown; i++)
        {
            var next = DisplayWidth.After(width, line, i);
            if (line[i] == '\t') sb.Append(' ', next - width);
            else sb.Append(line[i]);
            width = next;
        }
        sb.Append('\n').Append(' ', margin + 1).Append("| ");
        // cpp's notes about a line's splices and trigraphs: blanks up to the place, no caret
        if (column > 0 && length < 0) sb.Append(' ', DisplayWidth.Column(line, column));
        else if (column > 0)
        {
            var first = DisplayWidth.Column(line, column);
            var last = length > 1 ? DisplayWidth.Column(line, column + length) - 1 : first;
            sb.Append(' ', first - 1).Append('^');
            if (!underlineInText) sb.Append('~', Math.Max(0, last - first));
            else
            {
                var (textFirst, textLast) = TextColumns(line);
                for (var c = first + 1; c <= last; c++) sb.Append(c >= textFirst && c <= textLast ? '~' : ' ');
            }
        }
        return sb.ToString();
    }

    /// <summary>The display columns of the line's first and last non-blank characters (none: an empty range).</summary>
    private static (int First, int Last) TextColumns(string line)
    {
        var first = int.MaxValue;
        var last = 0;
        var width = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var next = DisplayWidth.After(width, line, i);
            if (line[i] is not (' ' or '\t' or '\r' or '\n' or '\v' or '\f'))
            {
                first = Math.Min(first, width + 1);
                last = next;
            }
            width = next;
        }
        return (first, last);
    }
}
