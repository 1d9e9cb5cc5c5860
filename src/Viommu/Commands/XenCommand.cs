using System.CommandLine;
using Viommu.DtEngine.Diagnostics;
using Viommu.Lops.Xen;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu xen partial</c> and <c>viommu xen validate</c>.</summary>
public static class XenCommand
{
    public static Command Create()
    {
        var xen = new Command("xen", "Xen on Arm: bind passthrough devices to a virtual SMMUv3.");
        xen.Subcommands.Add(Partial());
        xen.Subcommands.Add(Validate());
        xen.Subcommands.Add(SystemCommand());
        return xen;
    }

    private static Option<string> HostOption() => new("--host") { Description = "Host device tree (DTS or DTB).", Required = true };

    private static Command Partial()
    {
        var host = HostOption();
        var partial = new Argument<string>("partial") { Description = "The guest's partial device tree (DTS or DTB)." };
        var output = new Option<string>("-o", "--output") { Description = "Detailed partial tree: .dtb or .dts by extension, '-' for stdout.", Required = true };
        var format = new Option<string?>("-O", "--out-format") { Description = "Output format (dts or dtb) when the name does not say." };
        var xl = new Option<string?>("--xl-cfg") { Description = "Write the xl.cfg lines (viommu, iommu_devid_map, dtdev, iomem, irqs) here; '-' for stdout." };
        var map = new Option<string?>("--map") { Description = "Write the JSON stream map here; '-' for stdout." };
        var pipeline = new Option<string?>("--pipeline") { Description = "A pipeline file replacing lops/xen-vsmmu.yaml." };
        var plugins = new Option<string[]>("--plugin") { Description = "Folder of plugin assemblies (repeatable)." };
        var policy = new Option<string>("--policy") { Description = "vSID policy: xen (default) or identity." };
        var layout = new Option<string>("--layout") { Description = "vSMMUs: single (default) or per-psmmu." };
        var node = new Option<bool>("--vsmmu-node") { Description = "Add a full arm,smmu-v3 node (self-contained guest trees)." };
        var pciRid = new Option<bool>("--pci-rid-is-vsid") { Description = "PCI: vSID = RID instead of a range at the first free vSID." };
        var command = new Command("partial", "A partial device tree in, a detailed partial tree out (iommus with vSIDs), plus xl.cfg lines and a map.")
        {
            host, partial, output, format, xl, map, pipeline, plugins, policy, layout, node, pciRid,
        };
        command.SetAction(parse =>
        {
            XenOptions options;
            try
            {
                options = Options(parse.GetValue(policy), parse.GetValue(layout), parse.GetValue(node), parse.GetValue(pciRid));
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"viommu xen partial: {e.Message}");
                return 2;
            }
            var result = XenPartialJob.Run(new XenPartialSettings
            {
                Host = parse.GetValue(host)!,
                Partial = parse.GetValue(partial)!,
                Output = parse.GetValue(output)!,
                OutputFormat = parse.GetValue(format),
                XlConfig = parse.GetValue(xl),
                Map = parse.GetValue(map),
                Pipeline = parse.GetValue(pipeline),
                PluginFolders = parse.GetValue(plugins) ?? Array.Empty<string>(),
                Options = options,
            });
            Print(result.Diagnostics);
            if (!result.Succeeded) return 1;
            return result.Stdout is null ? 0 : OutputWriter.Write("-", result.Stdout);
        });
        return command;
    }

    private static Command Validate()
    {
        var host = HostOption();
        var partial = new Option<string>("--partial") { Description = "The guest's partial tree with iommus = <0xfdea vSID>.", Required = true };
        var xl = new Option<string>("--xl-cfg") { Description = "The xl.cfg with iommu_devid_map.", Required = true };
        var layout = new Option<string>("--layout") { Description = "vSMMUs: single (default) or per-psmmu." };
        var command = new Command("validate", "Check a hand-written partial tree and iommu_devid_map against the host tree and the SMMU model.")
        {
            host, partial, xl, layout,
        };
        command.SetAction(parse =>
        {
            XenOptions options;
            try
            {
                options = Options(null, parse.GetValue(layout), false, false);
            }
            catch (ArgumentException e)
            {
                Console.Error.WriteLine($"viommu xen validate: {e.Message}");
                return 2;
            }
            var result = ConfigChecker.Check(parse.GetValue(host)!, parse.GetValue(partial)!, parse.GetValue(xl)!, options);
            Print(result.Diagnostics);
            foreach (var m in result.Mismatches) Console.Out.WriteLine($"mismatch: {m}");
            if (result.Diagnostics.Any(d => d.Severity == Severity.Error)) return 1;
            Console.Out.WriteLine(result.Passed
                ? $"ok: every stream matches the host tree; {result.StreamsProven} stream{(result.StreamsProven == 1 ? "" : "s")} proven in the SMMU model"
                : $"{result.Mismatches.Count} mismatch{(result.Mismatches.Count == 1 ? "" : "es")}");
            return result.Passed ? 0 : 1;
        });
        return command;
    }

    private static XenOptions Options(string? policy, string? layout, bool node, bool pciRid) => new()
    {
        Policy = policy is null ? VsidPolicy.Xen : XenOptions.ParsePolicy(policy) ?? throw new ArgumentException($"--policy {policy}: expected xen or identity"),
        Layout = layout is null ? VsmmuLayout.Single : XenOptions.ParseLayout(layout) ?? throw new ArgumentException($"--layout {layout}: expected single or per-psmmu"),
        EmitNode = node,
        PciRidIsVsid = pciRid,
    };

    private static Command SystemCommand()
    {
        var spec = new Argument<string>("spec") { Description = "The system spec (YAML): host, guests, their devices." };
        var output = new Option<string>("-o", "--output") { Description = "Folder for every artifact.", Required = true };
        var host = new Option<string?>("--host") { Description = "Host device tree (DTS or DTB), instead of the spec's host." };
        var strict = new Option<bool>("--strict") { Description = "A device property pointing at a node that stays on the host is an error, not a warning." };
        var load = new Option<string?>("--load-address") { Description = "Where dom0less modules start (default: first RAM bank + 256M)." };
        var command = new Command("system", "One host tree and one spec in: per guest the passthrough tree, xl.cfg and map; the dom0less host tree, ImageBuilder config and a picture.")
        {
            spec, output, host, strict, load,
        };
        command.SetAction(parse =>
        {
            ulong? loadAddress = null;
            if (parse.GetValue(load) is { } text)
            {
                loadAddress = XenOptions.ParseNumber(text);
                if (loadAddress is null)
                {
                    Console.Error.WriteLine($"viommu xen system: --load-address '{text}' is not a number");
                    return 2;
                }
            }
            var result = Viommu.Lops.Xen.SystemMode.SystemJob.Run(new Viommu.Lops.Xen.SystemMode.SystemSettings
            {
                Spec = parse.GetValue(spec)!,
                Host = parse.GetValue(host),
                OutputDirectory = parse.GetValue(output)!,
                Strict = parse.GetValue(strict),
                LoadAddress = loadAddress,
            });
            Print(result.Diagnostics);
            if (!result.Succeeded) return 1;
            Console.Write(result.Table);
            return 0;
        });
        return command;
    }

    private static void Print(IEnumerable<Diagnostic> diagnostics)
    {
        // dtc's check warnings on the inputs are not this command's business (a partial tree's
        // iommus = <0xfdea N> always draws one); the lops' own warnings and every error are.
        foreach (var d in diagnostics)
            if (d.Severity == Severity.Error || (d.Severity == Severity.Warning && d.Id == "lop")) ErrorOutput.WriteReadableLine(d.Display);
    }
}
