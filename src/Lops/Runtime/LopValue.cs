using System.Globalization;

namespace Viommu.Lops.Runtime;

/// <summary>The shape of a lop option value.</summary>
public enum LopValueKind
{
    /// <summary>Present without a value (<c>noexec;</c>).</summary>
    Flag,
    /// <summary>One or more strings.</summary>
    Strings,
    /// <summary>One or more integers (cells).</summary>
    Integers,
}

/// <summary>One lop option: strings, integers or a flag, with where it was written.</summary>
public sealed class LopValue
{
    public LopValue(LopValueKind kind, IReadOnlyList<string>? strings = null, IReadOnlyList<ulong>? integers = null,
        string? location = null)
    {
        Kind = kind;
        Strings = strings ?? Array.Empty<string>();
        Integers = integers ?? Array.Empty<ulong>();
        Location = location;
    }

    public LopValueKind Kind { get; }
    public IReadOnlyList<string> Strings { get; }
    public IReadOnlyList<ulong> Integers { get; }
    /// <summary>file:line:column of the option, when known.</summary>
    public string? Location { get; }

    /// <summary>The first string, or the first integer written in decimal.</summary>
    public string? FirstText => Kind switch
    {
        LopValueKind.Strings => Strings.Count > 0 ? Strings[0] : null,
        LopValueKind.Integers => Integers.Count > 0 ? Integers[0].ToString(CultureInfo.InvariantCulture) : null,
        _ => null,
    };

    /// <summary>All values as text (strings as they are, integers in decimal).</summary>
    public IEnumerable<string> AllText => Kind == LopValueKind.Integers
        ? Integers.Select(i => i.ToString(CultureInfo.InvariantCulture))
        : Strings;

    /// <summary>True for an empty value (<c>select_1;</c> or <c>select_1 = "";</c>).</summary>
    public bool IsEmpty => Kind == LopValueKind.Flag || (Kind == LopValueKind.Strings && Strings.All(s => s.Length == 0));

    public static LopValue Text(string s, string? location = null) => new(LopValueKind.Strings, new[] { s }, location: location);
}
