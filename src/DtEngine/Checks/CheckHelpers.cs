using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

internal static class CheckHelpers
{
    /// <summary>A value read as a C string: up to the first NUL.</summary>
    public static string CString(DtProperty p) => p.Value.AsCString();

    public static uint Cell(DtProperty p, int index = 0) => p.Value.Length >= (index + 1) * 4 ? p.Value.ReadCell(index * 4) : 0;

    public static int AddrCells(DtNode n) => n.AddressCellsSeen == -1 ? 2 : n.AddressCellsSeen;

    public static int SizeCells(DtNode n) => n.SizeCellsSeen == -1 ? 1 : n.SizeCellsSeen;

    public static bool IsMultipleOf(int multiple, int divisor) => divisor == 0 ? multiple == 0 : multiple % divisor == 0;

    /// <summary>strprefixeq(name, basenamelen, s): the base name equals s.</summary>
    public static bool BaseNameIs(DtNode n, string s) => n.BaseNameLength == s.Length && n.Name.StartsWith(s, StringComparison.Ordinal);

    public static int SpanOf(string s, string allowed)
    {
        var i = s.AsSpan().IndexOfAnyExcept(AllowedSet(allowed));
        return i < 0 ? s.Length : i;
    }

    // the allowed sets are a handful of constants of the check table; each is built once
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Buffers.SearchValues<char>> AllowedSets = new();

    private static System.Buffers.SearchValues<char> AllowedSet(string allowed) =>
        AllowedSets.GetOrAdd(allowed, static a => System.Buffers.SearchValues.Create(a));

    public static bool IsCompatible(DtNode node, string compat) => node.IsCompatible(compat);

    public static bool IsInterruptProvider(DtNode n) => n.GetProperty("interrupt-controller") is not null || n.GetProperty("interrupt-map") is not null;
}
