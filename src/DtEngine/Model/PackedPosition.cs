namespace Viommu.DtEngine.Model;

/// <summary>
/// A span's four numbers in one <see cref="ulong"/>, for the positions a parse gives every property: a
/// <see cref="SourcePosition"/> each was a fifth of a board's parse allocations, and most are never read (messages
/// and annotations read a few). Numbers that do not fit (a line past 2^28, a column past 4,095 at the start or 65,535
/// at the end, a span over more than 255 lines, anything negative) are not packed.
/// </summary>
internal static class PackedPosition
{
    private const int FirstColumnBits = 12, LineSpanBits = 8, LastColumnBits = 16, FirstLineBits = 28;

    public static bool TryPack(int firstLine, int firstColumn, int lastLine, int lastColumn, out ulong packed)
    {
        var lines = (long)lastLine - firstLine;
        if ((uint)firstLine >= 1u << FirstLineBits || (uint)firstColumn >= 1u << FirstColumnBits
            || (ulong)lines >= 1ul << LineSpanBits || (uint)lastColumn >= 1u << LastColumnBits)
        {
            packed = 0;
            return false;
        }
        packed = (ulong)firstLine << (FirstColumnBits + LineSpanBits + LastColumnBits)
                 | (ulong)firstColumn << (LineSpanBits + LastColumnBits)
                 | (ulong)lines << LastColumnBits
                 | (uint)lastColumn;
        return true;
    }

    public static SourcePosition Unpack(string file, ulong packed)
    {
        var lastColumn = (int)(packed & ((1ul << LastColumnBits) - 1));
        var lines = (int)(packed >> LastColumnBits & ((1ul << LineSpanBits) - 1));
        var firstColumn = (int)(packed >> (LineSpanBits + LastColumnBits) & ((1ul << FirstColumnBits) - 1));
        var firstLine = (int)(packed >> (FirstColumnBits + LineSpanBits + LastColumnBits));
        return new SourcePosition(file, firstLine, firstColumn, firstLine + lines, lastColumn);
    }
}
