using System.Text.RegularExpressions;

namespace Viommu.Lops.Runtime;

/// <summary>
/// Lops by compatible. Built-ins are registered first; a plugin registering the same compatible later
/// replaces them, which is how a user swaps one step of a pipeline.
/// </summary>
public sealed partial class LopRegistry
{
    private const string LopperPrefix = "system-device-tree-v1,lop,";
    private readonly Dictionary<string, ILop> _lops = new(StringComparer.Ordinal);

    /// <summary>Every registered compatible with its lop, sorted by compatible.</summary>
    public IEnumerable<KeyValuePair<string, ILop>> All => _lops.OrderBy(kv => kv.Key, StringComparer.Ordinal);

    /// <summary>Registers <paramref name="lop"/> under each of its compatibles, replacing earlier ones.</summary>
    public void Register(ILop lop)
    {
        foreach (var c in lop.Compatibles) _lops[KeyOf(c)] = lop;
    }

    public ILop? Find(string compatible) => _lops.GetValueOrDefault(KeyOf(compatible));

    /// <summary>Lopper writes lop types as <c>system-device-tree-v1,lop,NAME</c> with an optional <c>-vN</c>;
    /// both reduce to NAME. Other compatibles (plugins, Xen lops) are kept as written.</summary>
    public static string KeyOf(string compatible)
    {
        if (!compatible.StartsWith(LopperPrefix, StringComparison.Ordinal)) return compatible;
        return VersionSuffix().Replace(compatible[LopperPrefix.Length..], "");
    }

    /// <summary>True when the compatible names a Lopper lop (<c>system-device-tree-v1,lop,...</c>).</summary>
    public static bool IsLopperLop(string compatible) => compatible.StartsWith(LopperPrefix, StringComparison.Ordinal);

    [GeneratedRegex(@"-v\d+$")]
    private static partial Regex VersionSuffix();
}
