using Viommu.DtEngine.Addressing;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>
/// Reads the stream IDs a host device uses: its <c>iommus</c> (phandle + #iommu-cells specifier per stream) or,
/// for a PCI host bridge, <c>iommu-map</c>/<c>iommu-map-mask</c> for given requester IDs. Only SMMUv3s with
/// one-cell specifiers can sit behind a vSMMUv3; anything else is an error naming both nodes.
/// </summary>
public sealed class HostStreams
{
    private readonly PhandleIndex _phandles;
    private readonly Dictionary<string, PhysicalSmmu> _smmus = new(StringComparer.Ordinal);

    /// <summary>The compatible of the only IOMMU a vSMMUv3 can front.</summary>
    public const string SmmuV3 = "arm,smmu-v3";

    public HostStreams(DeviceTree host)
    {
        _phandles = new PhandleIndex(host.Root);
    }

    /// <summary>The host node with this phandle (indexed once, not a tree walk per lookup).</summary>
    public DtNode? NodeByPhandle(uint phandle) => _phandles.Find(phandle);

    /// <summary>The SMMUs met so far, in the order first met.</summary>
    public IEnumerable<PhysicalSmmu> Smmus => _smmus.Values.OrderBy(s => s.Index);

    /// <summary>(SMMU, StreamID) of each <c>iommus</c> entry of <paramref name="device"/>, in order.</summary>
    public List<(PhysicalSmmu Smmu, uint Sid)> FromIommus(DtNode device, bool strict = true)
    {
        var cells = Cells.ReadAll(device, "iommus") ?? throw new LopException("iommus is not a list of cells", device, "iommus");
        var result = new List<(PhysicalSmmu, uint)>();
        for (var i = 0; i < cells.Length;)
        {
            var iommuNode = _phandles.Find(cells[i])
                ?? throw new LopException($"iommus entry {result.Count} points at phandle 0x{cells[i]:x}, which no host node has", device, "iommus");
            var smmu = Smmu(iommuNode, device, "iommus", strict);
            var count = (int)(Cells.ReadU32(iommuNode, "#iommu-cells") ?? 1);
            if (i + 1 + count > cells.Length)
                throw new LopException($"iommus is cut short: {iommuNode.Path} needs {count} specifier cells", device, "iommus");
            if (smmu is not null) result.Add((smmu, cells[i + 1]));
            i += 1 + count;
        }
        return result;
    }

    /// <summary>The (SMMU, StreamID) of requester ID <paramref name="rid"/> through <paramref name="bridge"/>'s
    /// iommu-map, or null when no entry covers it.</summary>
    public (PhysicalSmmu Smmu, uint Sid)? FromIommuMap(DtNode bridge, uint rid)
    {
        var mask = Cells.ReadU32(bridge, "iommu-map-mask") ?? 0xffffffff;
        var masked = rid & mask;
        foreach (var e in MapEntries(bridge))
            if (masked >= e.RidBase && masked - e.RidBase < e.Length)
                return (e.Smmu, e.SidBase + (masked - e.RidBase));
        return null;
    }

    /// <summary>The entries of a bridge's iommu-map: (rid-base, SMMU, sid-base, length).</summary>
    public List<(uint RidBase, PhysicalSmmu Smmu, uint SidBase, uint Length)> MapEntries(DtNode bridge, bool strict = true)
    {
        var cells = Cells.ReadAll(bridge, "iommu-map") ?? throw new LopException("iommu-map is not a list of cells", bridge, "iommu-map");
        var result = new List<(uint, PhysicalSmmu, uint, uint)>();
        for (var i = 0; i < cells.Length;)
        {
            if (i + 2 > cells.Length) throw new LopException("iommu-map is cut short", bridge, "iommu-map");
            var iommuNode = _phandles.Find(cells[i + 1])
                ?? throw new LopException($"iommu-map points at phandle 0x{cells[i + 1]:x}, which no host node has", bridge, "iommu-map");
            var count = (int)(Cells.ReadU32(iommuNode, "#iommu-cells") ?? 1);
            if (i + 3 + count > cells.Length) throw new LopException("iommu-map is cut short", bridge, "iommu-map");
            var smmu = Smmu(iommuNode, bridge, "iommu-map", strict);
            if (smmu is not null) result.Add((cells[i], smmu, cells[i + 2], cells[i + 2 + count]));
            i += 3 + count;
        }
        return result;
    }

    /// <summary>The SMMUv3 at <paramref name="iommu"/>, checked; with <paramref name="strict"/> false an IOMMU that
    /// is not one gives null instead of an error (used when scanning the whole host). An error is placed at the
    /// <paramref name="device"/>'s <paramref name="property"/> that names the IOMMU.</summary>
    private PhysicalSmmu? Smmu(DtNode iommu, DtNode device, string property, bool strict)
    {
        if (_smmus.TryGetValue(iommu.Path, out var known)) return known;
        var cells = Cells.ReadU32(iommu, "#iommu-cells");
        if (!iommu.IsCompatible(SmmuV3))
        {
            if (!strict) return null;
            var compatible = iommu.GetProperty("compatible") is { } c ? LopperValue.FromProperty(c.Value) : null;
            var what = compatible is { IsText: true } ? string.Join("\", \"", compatible.Strings) : "no compatible";
            var hint = compatible is { IsText: true } && compatible.Strings.Any(s => s.Contains("smmu-v2") || s.Contains("mmu-500") || s.Contains("mmu-400") || s.Contains("smmu-v1"))
                ? " (an SMMUv1/v2 cannot sit behind a vSMMUv3)" : "";
            throw new LopException($"its IOMMU {iommu.Path} is \"{what}\", not \"arm,smmu-v3\"{hint}", device, property);
        }
        if (cells != 1)
        {
            if (!strict) return null;
            throw new LopException($"its IOMMU {iommu.Path} has #iommu-cells = <{cells?.ToString() ?? "missing"}>; an SMMUv3 needs 1", device, property);
        }
        Region[] regions;
        try
        {
            regions = AddressTranslator.Regions(iommu).ToArray();
        }
        catch (AddressException e)
        {
            throw new LopException($"cannot find the base address of its IOMMU: {e.Message}", device, property);
        }
        if (regions.Length == 0) throw new LopException($"its IOMMU {iommu.Path} has no reg, so no base address", device, property);
        var smmu = new PhysicalSmmu(iommu.Path, regions[0].Address, _smmus.Count);
        _smmus.Add(iommu.Path, smmu);
        return smmu;
    }
}
