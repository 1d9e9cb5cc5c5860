using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

internal static class CheckHelpers
{
    /// <summary>A value read as a C string: up to the first NUL.</summary>
    public static string CString(DtProperty p) => p.Value.AsCString();

    /// <summary>Cell <paramref name="index"/> of a value, 0 past its end (an index comes from #address-cells, which
    /// a hostile blob sets to anything).</summary>
    public static uint Cell(DtProperty p, long index = 0) => index >= 0 && (index + 1) * 4 <= p.Value.Length ? p.Value.ReadCell((int)index * 4) : 0;

    public static int AddrCells(DtNode n) => n.AddressCellsSeen == -1 ? 2 : n.AddressCellsSeen;

    public static int SizeCells(DtNode n) => n.SizeCellsSeen == -1 ? 1 : n.SizeCellsSeen;

    public static bool IsMultipleOf(int multiple, int divisor) => divisor == 0 ? multiple == 0 : multiple % divisor == 0;

    /// <summary>strprefixeq(name, basenamelen, s): the base name equals s.</summary>
    public static bool BaseNameIs(DtNode n, string s) => n.BaseNameLength == s.Length && n.Name.StartsWith(s, StringComparison.Ordinal);

    /// <summary>strspn: how many leading characters of <paramref name="s"/> are in <paramref name="allowed"/>.</summary>
    public static int SpanOf(string s, System.Buffers.SearchValues<char> allowed)
    {
        var i = s.AsSpan().IndexOfAnyExcept(allowed);
        return i < 0 ? s.Length : i;
    }

    public static bool IsCompatible(DtNode node, string compat) => node.IsCompatible(compat);

    public static bool IsInterruptProvider(DtNode n) => n.GetProperty("interrupt-controller") is not null || n.GetProperty("interrupt-map") is not null;

    /// <summary>
    /// The node's live properties, walked over a span of its list: every check walks every node's properties, and
    /// the generic <see cref="LiveItems{T}"/> walk pays an interface call per item. Unlike that walk, a property
    /// appended meanwhile is not visited; the only one a check appends while walking is the phandle it allocates for
    /// a node that references itself, which carries no reference to visit.
    /// </summary>
    public static LivePropertyWalk LiveProperties(DtNode node) => new(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(node.AllProperties));

    /// <summary>True when the node's unit address is <paramref name="value"/> in lower-case hex (printf's %x), without making either string.</summary>
    public static bool UnitAddressIs(DtNode node, ulong value)
    {
        Span<char> hex = stackalloc char[16];
        value.TryFormat(hex, out var length, "x");
        return node.UnitAddressSpan.SequenceEqual(hex[..length]);
    }
}
