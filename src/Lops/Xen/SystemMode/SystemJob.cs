using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Runtime;
using Viommu.SmmuModel.Validation;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>What <c>viommu xen system</c> is asked to do.</summary>
public sealed record SystemSettings
{
    public required string Spec { get; init; }
    /// <summary>Overrides the spec's <c>host</c>.</summary>
    public string? Host { get; init; }
    public required string OutputDirectory { get; init; }
    /// <summary>A phandle property whose target stays on the host is an error instead of a warning.</summary>
    public bool Strict { get; init; }
    /// <summary>Where dom0less modules start; null: the host's first RAM bank + 256 MB.</summary>
    public ulong? LoadAddress { get; init; }
}

/// <summary>The outcome: success, diagnostics, the files written (relative to the output folder) and the table.</summary>
public sealed record SystemResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Files, string? Table);

/// <summary>
/// One host tree and one spec in, every Xen artifact out: per guest the passthrough tree (DTS, DTB), xl.cfg and
/// stream map; for the system the dom0less host tree, an ImageBuilder configuration and a picture. All guests are
/// proven together in the SMMU model; if anything fails nothing is written.
/// </summary>
public static class SystemJob
{
    public static SystemResult Run(SystemSettings s)
    {
        var bag = new DiagnosticBag();
        SystemResult Failed() => new(false, bag.Items, Array.Empty<string>(), null);
        SystemSpec spec;
        try
        {
            spec = SystemSpecReader.Read(s.Spec);
        }
        catch (YamlInputException e)
        {
            bag.LocatedError(e.Message);
            return Failed();
        }
        var specDir = Path.GetDirectoryName(Path.GetFullPath(s.Spec))!;
        var hostPath = s.Host ?? (spec.Host is { } h ? Path.Combine(specDir, h) : null);
        if (hostPath is null)
        {
            bag.Error(null, $"{s.Spec}: no host tree: give host: in the spec or --host", "error");
            return Failed();
        }
        var host = TreeFiles.Read(hostPath, bag);
        if (host is null) return Failed();

        var guests = new List<GuestResult>();
        var warnings = new List<string>();
        try
        {
            CheckDevicesAreGivenOnce(spec);
            var extractor = new DeviceExtractor(host, s.Strict);
            foreach (var guest in spec.Domains)
            {
                var partial = extractor.Extract(guest);
                var result = RunPipeline(host, partial, guest, spec.Options, bag);
                if (result is null) return Failed();
                guests.Add(result);
            }
            warnings.AddRange(extractor.Warnings);
            CheckStreamsAreGivenOnce(guests);
        }
        catch (LopException e)
        {
            Report(bag, e);
            return Failed();
        }

        var report = Validator.Validate(SystemValidation.Build(guests.Select(g => (g.Plan, g.Spec.Viommu)).ToList()));
        if (!report.Passed)
        {
            bag.Error(null, "the SMMU model rejects the system:\n  " + string.Join("\n  ", report.Violations.Take(20).Select(v => v.Describe())), "error");
            return Failed();
        }

        var files = new List<(string Name, byte[] Bytes)>();
        try
        {
            foreach (var g in guests)
            {
                files.Add(($"{g.Spec.Name}/passthrough.dtb", g.PartialDtb));
                files.Add(($"{g.Spec.Name}/passthrough.dts", TreeFiles.Write(g.Partial, "x.dts")));
                files.Add(($"{g.Spec.Name}/xl.cfg", Encoding.UTF8.GetBytes(SystemArtifacts.XlConfig(g))));
                if (g.Spec.Viommu && g.Plan.Streams.Count > 0) files.Add(($"{g.Spec.Name}/map.json", StreamMapJson.Write(g.Plan)));
                var complete = GuestTree.Build(g, HasGicV3(host), spec.XenVersion);
                files.Add(($"{g.Spec.Name}/guest.dtb", TreeFiles.Write(complete, "x.dtb")));
                files.Add(($"{g.Spec.Name}/guest.dts", TreeFiles.Write(complete, "x.dts")));
                if (g.Plan.Devices.Count > 0)
                    files.Add(($"{g.Spec.Name}/zephyr.overlay", Encoding.UTF8.GetBytes(GuestTree.ZephyrOverlay(complete, g.Spec.Name))));
            }
            var memory = HostMemory(guests[0].Plan, spec.HostMemory);
            var loadBase = s.LoadAddress ?? memory.Start + (256UL << 20);
            long? Size(string file)
            {
                var p = Path.Combine(specDir, file);
                return File.Exists(p) ? new FileInfo(p).Length : null;
            }
            var dom0less = SystemArtifacts.Dom0less(host, guests, loadBase, Size, warnings);
            files.Add(("dom0less.dtb", TreeFiles.Write(dom0less, "x.dtb")));
            files.Add(("dom0less.dts", TreeFiles.Write(dom0less, "x.dts")));
            files.Add(("imagebuilder.cfg", Encoding.UTF8.GetBytes(SystemArtifacts.ImageBuilder("dom0less.dtb", memory.Start, memory.End, guests))));
            files.Add(("system.dot", Encoding.UTF8.GetBytes(SystemArtifacts.Dot(guests))));
        }
        catch (LopException e)
        {
            bag.Error(null, e.Message, "error");
            return Failed();
        }
        if (RenderSvg(SystemArtifacts.Dot(guests)) is { } svg) files.Add(("system.svg", svg));
        var table = SystemArtifacts.Table(guests);
        files.Add(("system.txt", Encoding.UTF8.GetBytes(table)));
        foreach (var w in warnings) bag.Add(new Diagnostic(Severity.Warning, "lop", null, w, "warning: " + w));
        try
        {
            foreach (var (name, bytes) in files)
            {
                var path = Path.Combine(s.OutputDirectory, name);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                AtomicFile.Write(path, bytes);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Error(null, $"cannot write to {s.OutputDirectory}: {IoErrorText.Of(e)}", "error");
            return Failed();
        }
        return new SystemResult(true, bag.Items, files.Select(f => f.Name).ToList(), table);
    }

    /// <summary>Messages that start with a spec location are printed as "file:line:column: error: ...".</summary>
    internal static LopException Located(string location, string message) => new($"{location}: error: {message}");

    private static void Report(DiagnosticBag bag, LopException e)
    {
        if (global::System.Text.RegularExpressions.Regex.IsMatch(e.Message, @"^\S+:\d+:\d+: error: ")) bag.LocatedError(e.Message);
        else bag.Error(null, e.Message, "error");
    }

    private static void CheckDevicesAreGivenOnce(SystemSpec spec)
    {
        var owner = new Dictionary<string, (string Guest, string At)>(StringComparer.Ordinal);
        foreach (var g in spec.Domains)
            foreach (var d in g.Passthrough)
            {
                if (owner.TryGetValue(d.Path, out var first))
                    throw Located(d.Location, $"{d.Path} is given to '{g.Name}' and already to '{first.Guest}' ({first.At})");
                owner[d.Path] = (g.Name, d.Location);
            }
    }

    private static void CheckStreamsAreGivenOnce(List<GuestResult> guests)
    {
        var owner = new Dictionary<(string, uint), (string Guest, string Device)>();
        foreach (var g in guests)
            foreach (var st in g.Plan.Streams)
            {
                var key = (st.Smmu.Path, st.PhysicalSid);
                if (owner.TryGetValue(key, out var first) && first.Guest != g.Spec.Name)
                    throw new LopException($"StreamID 0x{st.PhysicalSid:x} of {st.Smmu.Path} is used by {st.Device.HostPath} of '{g.Spec.Name}' and by {first.Device} of '{first.Guest}': a stream can belong to one guest only");
                owner.TryAdd(key, (g.Spec.Name, st.Device.HostPath));
            }
    }

    /// <summary>The picture as SVG through Graphviz's <c>dot</c>, when it is installed; null otherwise.</summary>
    private static byte[]? RenderSvg(string dot)
    {
        var exe = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "dot")).FirstOrDefault(File.Exists);
        if (exe is null) return null;
        try
        {
            var psi = new global::System.Diagnostics.ProcessStartInfo(exe, "-Tsvg")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = global::System.Diagnostics.Process.Start(psi)!;
            var output = new MemoryStream();
            var copy = p.StandardOutput.BaseStream.CopyToAsync(output);
            p.StandardInput.Write(dot);
            p.StandardInput.Close();
            p.StandardError.ReadToEnd();
            copy.Wait();
            p.WaitForExit();
            return p.ExitCode == 0 ? output.ToArray() : null;
        }
        catch (global::System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool HasGicV3(DeviceTree host) => host.Root.Walk().Any(n => n.IsCompatible("arm,gic-v3"));

    /// <summary>The host's first RAM bank (the resolve lop reads the memory nodes into every plan), or the spec's.</summary>
    private static (ulong Start, ulong End) HostMemory(XenPlan plan, (ulong Start, ulong End)? given)
    {
        if (given is { } g) return g;
        if (plan.HostMemory.FirstOrDefault(r => r.Size > 0) is { Size: > 0 } bank) return (bank.Address, bank.Address + bank.Size);
        throw new LopException("the host tree has no /memory node (the bootloader adds it): give the host's RAM as xen: { host-memory: START-END } in the spec");
    }

    private static GuestResult? RunPipeline(DeviceTree host, DeviceTree partial, GuestSpec guest, XenOptions options, DiagnosticBag bag)
    {
        var steps = guest.Viommu
            ? new[] { "xen,resolve-streams", "xen,allocate-vsids", "xen,emit-vsmmu", "xen,rewrite-iommus" }
            : new[] { "xen,resolve-streams" };
        var pipeline = XenPartialJob.PipelineOf($"<guest {guest.Name}>", steps);
        var session = new LopSession(partial, BuiltInLops.CreateRegistry(), new LopSettings { Force = true });
        session.Set(HostTree.StateKey, new HostTree(host));
        session.Set(XenOptions.StateKey, options with { GuestName = guest.Name, GuestRamSize = guest.Memory });
        var ok = Pipeline.Run(session, new[] { pipeline }, writeOutputs: false);
        bag.AddRange(session.Diagnostics.Items);
        var plan = session.Get<XenPlan>(XenPlan.StateKey);
        if (!ok || plan is null) return null;
        var layout = GuestLayout.Problems(plan);
        if (layout.Count > 0)
            throw Located(guest.Location, $"guest '{guest.Name}': its memory map does not work (give the device a guest: address):\n  " + string.Join("\n  ", layout));
        if (!guest.Viommu)
        {
            // Without a vSMMU the streams are still the guest's, stage 2 only; the numbering only keys the plan.
            for (var i = 0; i < plan.Streams.Count; i++) plan.Streams[i].Vsid ??= (uint)i;
        }
        return new GuestResult(guest, plan, session.Tree, TreeFiles.Write(session.Tree, "x.dtb"));
    }
}
