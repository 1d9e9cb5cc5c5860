namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// How wide text is on a terminal, as GNU cpp 12 counts it for messages (gcc's default
/// -fdiagnostics-column-unit=display with -ftabstop=8): a tab moves to the next multiple of 8, a UTF-8 sequence is one
/// column (two for an East Asian wide character), every other byte one. Text is Latin-1, a char per byte.
/// </summary>
internal static class DisplayWidth
{
    /// <summary>The display column (1-based) of a character column of <paramref name="line"/>; columns past its end
    /// count one each.</summary>
    public static int Column(string line, int column)
    {
        var inLine = Math.Clamp(column - 1, 0, line.Length);
        return Of(line, 0, inLine) + (column - 1 - inLine) + 1;
    }

    /// <summary>The column cpp prints for a place at a character column of <paramref name="line"/>: how wide the line is
    /// up to and including the character there, which is <see cref="Column"/> but for a tab, counted to its end (cpp
    /// reads a multi-byte character's first byte alone there, one column). Only a place cpp lexed again from a paste,
    /// at column 1, stands on a tab.</summary>
    public static int Printed(string line, int column)
    {
        var display = Column(line, column);
        if (column < 1 || column > line.Length || line[column - 1] != '\t') return display;
        return After(display - 1, line, column - 1);
    }

    /// <summary>The display width of <paramref name="text"/>[<paramref name="start"/>..<paramref name="end"/>), with
    /// <paramref name="start"/> a line's first character (tabs stop at multiples of 8 from there).</summary>
    public static int Of(string text, int start, int end)
    {
        var width = 0;
        for (var i = start; i < end; i++) width = After(width, text, i);
        return width;
    }

    /// <summary>The width once the character at <paramref name="i"/> is added to a line <paramref name="width"/>
    /// wide.</summary>
    public static int After(int width, string text, int i)
    {
        var c = text[i];
        if (c == '\t') return (width / 8 + 1) * 8;
        if (c < 0x80) return width + 1;
        if (c >= 0xc0) return width + Utf8Width(text, i);
        return width; // a continuation byte (0x80-0xbf) adds nothing
    }

    /// <summary>Display width of the UTF-8 sequence starting at a lead byte: 2 for East Asian wide characters.</summary>
    private static int Utf8Width(string text, int i)
    {
        var lead = text[i];
        var (count, cp) = lead >= 0xf0 ? (3, lead & 0x07) : lead >= 0xe0 ? (2, lead & 0x0f) : (1, lead & 0x1f);
        for (var k = 1; k <= count; k++)
        {
            if (i + k >= text.Length || text[i + k] is < (char)0x80 or > (char)0xbf) return 1;
            cp = (cp << 6) | (text[i + k] & 0x3f);
        }
        var wide = cp is >= 0x1100 and <= 0x115f or >= 0x2e80 and <= 0xa4cf or >= 0xac00 and <= 0xd7a3
            or >= 0xf900 and <= 0xfaff or >= 0xfe30 and <= 0xfe4f or >= 0xff00 and <= 0xff60 or >= 0xffe0 and <= 0xffe6
            or >= 0x1f300 and <= 0x1f64f or >= 0x20000 and <= 0x3fffd;
        return wide ? 2 : 1;
    }
}
