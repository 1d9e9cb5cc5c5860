using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.Lops.BuiltIn;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Xen;

/// <summary>What <c>viommu xen partial</c> is asked to do.</summary>
public sealed record XenPartialSettings
{
    public required string Host { get; init; }
    public required string Partial { get; init; }
    /// <summary>The detailed partial tree (format by extension; "-" is DTS on stdout unless <see cref="OutputFormat"/> says dtb).</summary>
    public required string Output { get; init; }
    public string? OutputFormat { get; init; }
    /// <summary>Where the xl.cfg lines go ("-": stdout, when the tree does not go there).</summary>
    public string? XlConfig { get; init; }
    /// <summary>Where the JSON stream map goes ("-": stdout, when nothing else does).</summary>
    public string? Map { get; init; }
    /// <summary>A pipeline file replacing the default one (lops/xen-vsmmu.yaml).</summary>
    public string? Pipeline { get; init; }
    public IReadOnlyList<string> PluginFolders { get; init; } = Array.Empty<string>();
    /// <summary>Options over the defaults; the pipeline's own lop options override these.</summary>
    public XenOptions Options { get; init; } = new();
}

/// <summary>The outcome: success, diagnostics, the output bytes for stdout (of the output named "-"), and the plan.</summary>
public sealed record XenPartialResult(bool Succeeded, IReadOnlyList<Diagnostic> Diagnostics, byte[]? Stdout, XenPlan? Plan);

/// <summary>"A partial device tree in, a detailed partial device tree out, with the generated IDs": runs the Xen
/// pipeline on the partial tree with the host tree beside it, and writes the tree, xl.cfg lines and map only
/// when every step, validation included, succeeded.</summary>
public static class XenPartialJob
{
    /// <summary>The default pipeline, the same steps as lops/xen-vsmmu.yaml.</summary>
    public static LopFile DefaultPipeline() => PipelineOf("<built-in xen pipeline>",
        "xen,resolve-streams", "xen,allocate-vsids", "xen,emit-vsmmu", "xen,rewrite-iommus", "xen,validate", "xen,emit-xl", "xen,emit-map");

    /// <summary>A pipeline of the given lops in order, named <paramref name="name"/> in messages.</summary>
    public static LopFile PipelineOf(string name, params string[] compatibles)
        => new(name, 5, compatibles.Select((c, i) => new LopSpec($"lop_{i + 1}", c, name, null)).ToList());

    public static XenPartialResult Run(XenPartialSettings s)
    {
        var bag = new DiagnosticBag();
        XenPartialResult Failed(XenPlan? plan = null) => new(false, bag.Items, null, plan);
        var registry = BuiltInLops.CreateRegistry();
        LopFile pipeline;
        try
        {
            foreach (var folder in s.PluginFolders) Plugins.PluginLoading.LoadDirectory(folder, registry);
            pipeline = s.Pipeline is null ? DefaultPipeline() : YamlLopReader.Read(s.Pipeline).Lops;
        }
        catch (LopException e) { bag.Error(null, e.Message, "error"); return Failed(); }
        catch (YamlInputException e) { bag.LocatedError(e.Message); return Failed(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            bag.Error(s.Pipeline, $"cannot read: {IoErrorText.Of(e, s.Pipeline ?? "")}");
            return Failed();
        }

        // '-' is standard output for any one of the three outputs
        var toStdout = new[] { s.Output, s.XlConfig, s.Map }.Count(name => name == "-");
        if (toStdout > 1)
        {
            bag.Error(null, $"{toStdout} outputs are '-': only one can go to standard output", "error");
            return Failed();
        }

        var host = TreeFiles.Read(s.Host, bag);
        if (host is null) return Failed();
        var partial = TreeFiles.Read(s.Partial, bag);
        if (partial is null) return Failed();

        var session = new LopSession(partial, registry, new LopSettings { Force = true });
        session.Set(HostTree.StateKey, new HostTree(host));
        session.Set(XenOptions.StateKey, s.Options);
        var ok = Pipeline.Run(session, new[] { pipeline }, writeOutputs: false);
        bag.AddRange(session.Diagnostics.Items);
        var plan = session.Get<XenPlan>(XenPlan.StateKey);
        if (!ok) return Failed(plan);
        byte[]? stdout = null;
        try
        {
            void Emit(string name, byte[] bytes)
            {
                if (name == "-") stdout = bytes;
                else session.StageOutput(Path.GetFullPath(name), bytes);
            }
            var treeName = s.OutputFormat is { } f ? "out." + f : s.Output;
            Emit(s.Output, TreeFiles.Write(session.Tree, treeName));
            if (s.XlConfig is not null)
                Emit(s.XlConfig, session.Get<GeneratedText>(EmitXlLop.StateKey)?.Content
                    ?? System.Text.Encoding.UTF8.GetBytes(XlConfigWriter.Write(plan ?? throw new LopException("the pipeline made no Xen plan"))));
            if (s.Map is not null)
                Emit(s.Map, session.Get<GeneratedText>(EmitMapLop.StateKey)?.Content
                    ?? StreamMapJson.Write(plan ?? throw new LopException("the pipeline made no Xen plan")));
            Pipeline.WriteOutputs(session);
        }
        catch (LopException e) { bag.Error(null, e.Message, "error"); return Failed(plan); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { bag.Error(null, $"cannot write output: {IoErrorText.Of(e)}", "error"); return Failed(plan); }
        return new XenPartialResult(true, bag.Items, stdout, plan);
    }
}
