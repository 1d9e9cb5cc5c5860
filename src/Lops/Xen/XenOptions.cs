using System.Globalization;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>
/// The Xen lops' options (the pipeline's lop options or the command's flags), with the series' values as
/// defaults.
/// </summary>
public sealed record XenOptions
{
    public VsidPolicy Policy { get; init; } = VsidPolicy.Xen;
    public VsmmuLayout Layout { get; init; } = VsmmuLayout.Single;
    /// <summary>Emit a full arm,smmu-v3 node (self-contained trees) instead of only the magic phandle.</summary>
    public bool EmitNode { get; init; }
    public ulong VsmmuBase { get; init; } = XenConstants.GuestVsmmuBase;
    public ulong VsmmuSize { get; init; } = XenConstants.GuestVsmmuSize;
    public uint VsmmuSpi { get; init; } = XenConstants.GuestVsmmuSpi;
    public uint VsmmuPhandle { get; init; } = XenConstants.GuestPhandleVsmmu;
    /// <summary>PCI: vSID = RID (the v2 series' <c>iommu-map = &lt;0 0xfdea 0 0x10000&gt;</c>) instead of a vSID range at the first free vSID.</summary>
    public bool PciRidIsVsid { get; init; }
    /// <summary>Guest RAM the model maps (IPA at GUEST_RAM0_BASE).</summary>
    public ulong GuestRamSize { get; init; } = 256UL << 20;
    /// <summary>The guest's name in reports.</summary>
    public string GuestName { get; init; } = "guest";

    /// <summary>The options as the pipeline's lops find them in the session (set by the command).</summary>
    public const string StateKey = "xen.options";

    /// <summary><c>xen</c> or <c>identity</c>; null for anything else.</summary>
    public static VsidPolicy? ParsePolicy(string text) => text switch { "xen" => VsidPolicy.Xen, "identity" => VsidPolicy.Identity, _ => null };

    /// <summary><c>single</c> or <c>per-psmmu</c>; null for anything else.</summary>
    public static VsmmuLayout? ParseLayout(string text) => text switch { "single" => VsmmuLayout.Single, "per-psmmu" => VsmmuLayout.PerPhysicalSmmu, _ => null };

    /// <summary>Reads the options a lop spec sets, over <paramref name="defaults"/>.</summary>
    public static XenOptions From(LopSpec spec, XenOptions defaults)
    {
        var o = defaults;
        if (spec.Text("policy") is { } policy)
            o = o with { Policy = ParsePolicy(policy) ?? throw new LopException($"policy '{policy}': expected xen or identity") };
        if (spec.Text("layout") is { } layout)
            o = o with { Layout = ParseLayout(layout) ?? throw new LopException($"layout '{layout}': expected single or per-psmmu") };
        if (spec.Text("vsmmu-node") is { } node)
            o = o with { EmitNode = node switch { "none" => false, "full" => true, _ => throw new LopException($"vsmmu-node '{node}': expected none or full") } };
        if (spec.Text("pci-map") is { } pci)
            o = o with { PciRidIsVsid = pci switch { "rid" => true, "range" => false, _ => throw new LopException($"pci-map '{pci}': expected range or rid") } };
        o = o with
        {
            VsmmuBase = Number(spec, "vsmmu-base") ?? o.VsmmuBase,
            VsmmuSize = Number(spec, "vsmmu-size") ?? o.VsmmuSize,
            VsmmuSpi = (uint?)Number(spec, "vsmmu-spi") ?? o.VsmmuSpi,
            VsmmuPhandle = (uint?)Number(spec, "vsmmu-phandle") ?? o.VsmmuPhandle,
            GuestRamSize = Number(spec, "guest-ram") ?? o.GuestRamSize,
        };
        return o;
    }

    private static ulong? Number(LopSpec spec, string name)
    {
        var v = spec.Get(name);
        if (v is null) return null;
        if (v.Kind == LopValueKind.Integers && v.Integers.Count == 1) return v.Integers[0];
        var text = v.FirstText ?? throw new LopException($"option '{name}' needs a number");
        return ParseNumber(text) ?? throw new LopException($"option '{name}': '{text}' is not a number");
    }

    /// <summary>Decimal or 0x hex, with an optional K/M/G suffix.</summary>
    public static ulong? ParseNumber(string text)
    {
        var t = text.Trim();
        ulong scale = 1;
        if (t.Length > 0 && char.ToUpperInvariant(t[^1]) is 'K' or 'M' or 'G')
        {
            scale = char.ToUpperInvariant(t[^1]) switch { 'K' => 1UL << 10, 'M' => 1UL << 20, _ => 1UL << 30 };
            t = t[..^1];
        }
        ulong v;
        var ok = t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out v)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        return ok ? checked(v * scale) : null;
    }
}
