using Viommu.Lops.Xen;

namespace Viommu.Lops.Tests.Xen;

/// <summary>The shipped Xen examples and the option variants each is run with.</summary>
internal static class XenExamples
{
    public sealed record Case(string Example, string Variant, XenOptions Options)
    {
        public string Folder => Path.Combine(RepoPaths.XenExamples, Example);
        public string Host => Directory.GetFiles(Folder, "host.*").Single();
        public string Partial => Path.Combine(Folder, "partial.dts");
        public string Expected => Path.Combine(Folder, "expected");
        public override string ToString() => $"{Example}/{Variant}";
    }

    public static IReadOnlyList<Case> All { get; } = new[]
    {
        new Case("proposal-2022", "default", new XenOptions()),
        new Case("fvp-pci", "default", new XenOptions()),
        new Case("fvp-pci", "rid-is-vsid", new XenOptions { PciRidIsVsid = true }),
        new Case("hip07-crypto", "default", new XenOptions()),
        new Case("multi-smmu", "default", new XenOptions()),
        new Case("multi-smmu", "per-psmmu-identity-node", new XenOptions { Layout = VsmmuLayout.PerPhysicalSmmu, Policy = VsidPolicy.Identity, EmitNode = true }),
    };

    public static IEnumerable<object[]> Data => All.Select(c => new object[] { c.Example, c.Variant });

    public static Case Get(string example, string variant) => All.Single(c => c.Example == example && c.Variant == variant);

    /// <summary>Runs the example into a fresh temporary folder; returns (tree, xl.cfg, map) paths.</summary>
    public static (string Tree, string Xl, string Map, XenPartialResult Result) Run(Case c, string folder)
    {
        var tree = Path.Combine(folder, "partial.out.dts");
        var xl = Path.Combine(folder, "xl.cfg");
        var map = Path.Combine(folder, "map.json");
        var result = XenPartialJob.Run(new XenPartialSettings
        {
            Host = c.Host, Partial = c.Partial, Output = tree, XlConfig = xl, Map = map, Options = c.Options,
        });
        return (tree, xl, map, result);
    }
}
