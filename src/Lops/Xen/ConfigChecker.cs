using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Runtime;
using Viommu.SmmuModel.Validation;

namespace Viommu.Lops.Xen;

/// <summary>The result of checking a hand-written configuration: every mismatch found, in a stable order.</summary>
public sealed record ConfigCheckResult(IReadOnlyList<string> Mismatches, IReadOnlyList<Diagnostic> Diagnostics, int StreamsProven)
{
    public bool Passed => Mismatches.Count == 0 && Diagnostics.All(d => d.Severity != Severity.Error);
}

/// <summary>
/// <c>viommu xen validate</c>: checks a partial tree (its <c>iommus = &lt;0xfdea vSID&gt;</c>) and an xl.cfg
/// (<c>iommu_devid_map</c>) against the host tree, then proves the map's bindings in the SMMU model. It lists
/// every missing stream, pSID that is not the device's, unknown SMMU base, duplicated vSID and stream that
/// belongs to a device not given to this guest.
/// </summary>
public static class ConfigChecker
{
    // the place its resolving lop reports at when the fault has none in a tree
    private const string ValidateLop = "<validate>";

    public static ConfigCheckResult Check(string hostPath, string partialPath, string xlPath, XenOptions options)
    {
        var bag = new DiagnosticBag();
        var mismatches = new List<string>();
        ConfigCheckResult Done(int proven = 0) => new(mismatches, bag.Items, proven);

        List<DevidMapEntry> entries;
        bool viommuOn;
        try
        {
            var settings = XlConfigReader.Parse(File.ReadAllText(xlPath), xlPath);
            var map = settings.LastOrDefault(s => s.Key == "iommu_devid_map");
            entries = map is null ? new List<DevidMapEntry>() : XlConfigReader.DevidMap(map, xlPath);
            viommuOn = settings.LastOrDefault(s => s.Key == "viommu") is { Values: ["smmuv3"] };
        }
        catch (XlConfigException e) { bag.LocatedError(e.Message); return Done(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Error(xlPath, $"cannot read: {IoErrorText.Of(e, xlPath)}");
            return Done();
        }

        var host = TreeFiles.Read(hostPath, bag);
        var partial = host is null ? null : TreeFiles.Read(partialPath, bag);
        if (host is null || partial is null) return Done();

        // Resolve the host side with the partial tree's iommus read as pins (the vSIDs the guest will use).
        var session = new LopSession(partial, BuiltInLops.CreateRegistry());
        session.Set(HostTree.StateKey, new HostTree(host));
        session.Set(XenOptions.StateKey, options);
        var resolve = new LopSpec("resolve", "xen,resolve-streams", ValidateLop, null);
        if (!Pipeline.Run(session, new[] { new LopFile(ValidateLop, 5, new[] { resolve }) }, writeOutputs: false))
        {
            // a fault in a DTS partial or host tree is placed where it was written (file:line:column)
            foreach (var d in session.Diagnostics.Items.Where(d => d.Severity == Severity.Error))
                mismatches.Add(d.Location is { } at && at != ValidateLop ? $"{at}: {d.Message}" : d.Message);
            return Done();
        }
        bag.AddRange(session.Diagnostics.Items.Where(d => d.Severity == Severity.Warning));
        var plan = session.Get<XenPlan>(XenPlan.StateKey)!;

        if (plan.Streams.Count > 0 && !viommuOn) mismatches.Add($"{xlPath}: viommu = \"smmuv3\" is missing");
        var smmuByBase = HostSmmus(host).GroupBy(s => s.Base).ToDictionary(g => g.Key, g => g.First());
        var perVsmmu = options.Layout == VsmmuLayout.PerPhysicalSmmu;

        // Duplicated vSIDs (per vSMMU: the whole guest, or one physical SMMU's vSMMU).
        foreach (var g in entries.GroupBy(e => (perVsmmu ? e.SmmuBase : 0UL, e.VirtualSid)).Where(g => g.Count() > 1))
            mismatches.Add($"iommu_devid_map: vSID 0x{g.Key.VirtualSid:x} appears {g.Count()} times ({string.Join(", ", g.Select(e => $"\"{e}\""))})");
        foreach (var e in entries.Where(e => !smmuByBase.ContainsKey(e.SmmuBase)))
            mismatches.Add($"iommu_devid_map \"{e}\": no arm,smmu-v3 of the host is at 0x{e.SmmuBase:x}");

        // the map's first entry per vSID (and, per physical SMMU, per base): a PCI host bridge brings 65,536 streams
        var firstByVsid = new Dictionary<(ulong Base, uint Vsid), DevidMapEntry>();
        foreach (var e in entries) firstByVsid.TryAdd((perVsmmu ? e.SmmuBase : 0UL, e.VirtualSid), e);
        var used = new HashSet<DevidMapEntry>();
        var bindings = new List<(PhysicalSmmu, uint, uint, int)>();
        foreach (var s in plan.Streams)
        {
            string What() => $"{s.Device.GuestPath} (host {s.Device.HostPath}) stream pSID 0x{s.PhysicalSid:x} on {s.Smmu.Path} at 0x{s.Smmu.Base:x}";
            if (s.PinnedVsid is not { } vsid)
            {
                mismatches.Add($"{What()}: the partial tree gives it no vSID (iommus = <0x{options.VsmmuPhandle:x} vSID>)");
                continue;
            }
            if (!firstByVsid.TryGetValue((perVsmmu ? s.Smmu.Base : 0UL, vsid), out var entry))
            {
                mismatches.Add($"{What()}: missing stream: vSID 0x{vsid:x} has no iommu_devid_map entry");
                continue;
            }
            used.Add(entry);
            if (entry.SmmuBase != s.Smmu.Base)
                mismatches.Add($"{What()}: iommu_devid_map \"{entry}\" sends vSID 0x{vsid:x} to the SMMU at 0x{entry.SmmuBase:x}, not the device's at 0x{s.Smmu.Base:x}");
            else if (entry.PhysicalSid != s.PhysicalSid)
                mismatches.Add($"{What()}: iommu_devid_map \"{entry}\" gives pSID 0x{entry.PhysicalSid:x}, which is not the device's (0x{s.PhysicalSid:x})");
            else bindings.Add((s.Smmu, s.PhysicalSid, vsid, perVsmmu ? s.Smmu.Index : 0));
        }
        var hostOwners = plan.HostStreams.GroupBy(h => (h.Smmu.Base, h.Sid)).ToDictionary(g => g.Key, g => g.First().Node);
        foreach (var e in entries.Where(e => !used.Contains(e) && smmuByBase.ContainsKey(e.SmmuBase)))
        {
            if (hostOwners.TryGetValue((e.SmmuBase, e.PhysicalSid), out var owner))
                mismatches.Add($"iommu_devid_map \"{e}\": pSID 0x{e.PhysicalSid:x} belongs to host device {owner}, which is not given to this guest");
            else
                mismatches.Add($"iommu_devid_map \"{e}\": no passthrough device of the partial tree uses vSID 0x{e.VirtualSid:x}");
        }

        mismatches.AddRange(GuestLayout.Problems(plan));
        var report = Validator.Validate(PlanValidation.Build(plan, bindings));
        foreach (var v in report.Violations) mismatches.Add("SMMU model: " + v.Describe());
        return Done(report.StreamsChecked);
    }

    private static IEnumerable<PhysicalSmmu> HostSmmus(DeviceTree host)
    {
        var index = 0;
        foreach (var n in host.Root.Walk())
        {
            if (!n.IsCompatible(HostStreams.SmmuV3)) continue;
            IReadOnlyList<DtEngine.Addressing.Region> regions;
            try { regions = DtEngine.Addressing.AddressTranslator.Regions(n); }
            catch (DtEngine.Addressing.AddressException) { continue; }
            if (regions.Count > 0) yield return new PhysicalSmmu(n.Path, regions[0].Address, index++);
        }
    }
}
