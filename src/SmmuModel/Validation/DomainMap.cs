using Viommu.SmmuModel.Builders;

namespace Viommu.SmmuModel.Validation;

/// <summary>A domain's stage-2 map sorted by IPA, for lookups and comparisons.</summary>
internal sealed class DomainMap
{
    private readonly Mapping[] _sorted;

    public DomainMap(DomainSpec spec)
    {
        Spec = spec;
        _sorted = spec.Stage2Map.OrderBy(m => m.Input).ToArray();
    }

    public DomainSpec Spec { get; }
    public IReadOnlyList<Mapping> Sorted => _sorted;

    /// <summary>The mapping that holds <paramref name="ipa"/>, if any.</summary>
    public Mapping? Find(ulong ipa)
    {
        int lo = 0, hi = _sorted.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var m = _sorted[mid];
            if (ipa < m.Input) hi = mid - 1;
            else if (ipa >= m.InputEnd) lo = mid + 1;
            else return m;
        }
        return null;
    }

    /// <summary>IPA to PA through the map; throws when unmapped (used for tables the validator placed itself).</summary>
    public ulong ToPhysical(ulong ipa) =>
        Find(ipa) is { } m ? m.Output + (ipa - m.Input) : throw new InvalidOperationException($"IPA 0x{ipa:x} is not mapped");

    /// <summary>Adjacent mappings with contiguous outputs and equal permissions merged: the canonical form
    /// two maps are compared in.</summary>
    public static List<(ulong Input, ulong Output, ulong Size, MapPermissions Permissions)> Coalesce(
        IEnumerable<(ulong Input, ulong Output, ulong Size, MapPermissions Permissions)> ranges)
    {
        var result = new List<(ulong Input, ulong Output, ulong Size, MapPermissions Permissions)>();
        foreach (var r in ranges.OrderBy(r => r.Input))
        {
            if (result.Count > 0)
            {
                var last = result[^1];
                if (last.Input + last.Size == r.Input && last.Output + last.Size == r.Output && last.Permissions == r.Permissions)
                {
                    result[^1] = (last.Input, last.Output, last.Size + r.Size, last.Permissions);
                    continue;
                }
            }
            result.Add(r);
        }
        return result;
    }
}
