using System.Globalization;
using Viommu.Lops.Runtime;
using YamlDotNet.RepresentationModel;
using YamlDocument = Viommu.Lops.Runtime.YamlDocument;

namespace Viommu.Lops.Xen.SystemMode;

/// <summary>Reads a system spec; unknown keys, wrong types and bad values are errors with the YAML line and column.</summary>
public static class SystemSpecReader
{
    public static SystemSpec Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new YamlInputException($"{path}: error: cannot read the spec");
        }
        return Parse(text, path);
    }

    public static SystemSpec Parse(string text, string file)
    {
        var root = YamlDocument.Mapping(file, YamlDocument.Load(text, file), "the spec");
        YamlDocument.OnlyKeys(file, root, "the spec", "host", "xen", "domains");
        string? host = null;
        var options = new XenOptions();
        var version = "4.20";
        (ulong, ulong)? memory = null;
        var domains = new List<GuestSpec>();
        foreach (var (key, value) in root.Children)
        {
            switch (((YamlScalarNode)key).Value)
            {
                case "host": host = YamlDocument.Scalar(file, value, "host"); break;
                case "xen": (options, version, memory) = ReadXen(file, value); break;
                case "domains":
                    foreach (var d in YamlDocument.Sequence(file, value, "domains").Children) domains.Add(ReadDomain(file, d));
                    break;
            }
        }
        if (domains.Count == 0) throw YamlDocument.Error(file, root, "the spec has no domains");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in domains)
            if (!seen.Add(d.Name)) throw new YamlInputException($"{d.Location}: error: domain name '{d.Name}' is used twice");
        return new SystemSpec { File = file, Host = host, Options = options, XenVersion = version, HostMemory = memory, Domains = domains };
    }

    private static (XenOptions, string, (ulong, ulong)?) ReadXen(string file, YamlNode node)
    {
        var map = YamlDocument.Mapping(file, node, "xen");
        YamlDocument.OnlyKeys(file, map, "xen", "vsmmu", "version", "host-memory");
        (ulong, ulong)? memory = null;
        if (map.Children.TryGetValue(new YamlScalarNode("host-memory"), out var mem))
        {
            var text = YamlDocument.Scalar(file, mem, "xen.host-memory");
            var dash = text.IndexOf('-');
            var start = dash > 0 ? XenOptions.ParseNumber(text[..dash]) : null;
            var end = dash > 0 ? XenOptions.ParseNumber(text[(dash + 1)..]) : null;
            if (start is null || end is null || end <= start) throw YamlDocument.Error(file, mem, $"xen.host-memory '{text}': expected START-END");
            memory = (start.Value, end.Value);
        }
        var o = new XenOptions();
        var version = "4.20";
        if (map.Children.TryGetValue(new YamlScalarNode("version"), out var ver))
        {
            version = YamlDocument.Scalar(file, ver, "xen.version");
            if (!global::System.Text.RegularExpressions.Regex.IsMatch(version, @"^[0-9]+\.[0-9]+$")) throw YamlDocument.Error(file, ver, $"xen.version '{version}': expected MAJOR.MINOR");
        }
        if (!map.Children.TryGetValue(new YamlScalarNode("vsmmu"), out var v)) return (o, version, memory);
        var vsmmu = YamlDocument.Mapping(file, v, "xen.vsmmu");
        YamlDocument.OnlyKeys(file, vsmmu, "xen.vsmmu", "layout", "policy", "base", "size", "spi", "phandle", "node", "pci-map");
        foreach (var (key, value) in vsmmu.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            var s = YamlDocument.Scalar(file, value, "xen.vsmmu." + name);
            ulong Number() => XenOptions.ParseNumber(s) ?? throw YamlDocument.Error(file, value, $"xen.vsmmu.{name}: '{s}' is not a number");
            o = name switch
            {
                "layout" => o with { Layout = XenOptions.ParseLayout(s) ?? throw YamlDocument.Error(file, value, $"layout '{s}': expected single or per-psmmu") },
                "policy" => o with { Policy = XenOptions.ParsePolicy(s) ?? throw YamlDocument.Error(file, value, $"policy '{s}': expected xen or identity") },
                "base" => o with { VsmmuBase = Number() },
                "size" => o with { VsmmuSize = Number() },
                "spi" => o with { VsmmuSpi = checked((uint)Number()) },
                "phandle" => o with { VsmmuPhandle = checked((uint)Number()) },
                "node" => o with { EmitNode = s switch { "none" => false, "full" => true, _ => throw YamlDocument.Error(file, value, $"node '{s}': expected none or full") } },
                _ => o with { PciRidIsVsid = s switch { "rid" => true, "range" => false, _ => throw YamlDocument.Error(file, value, $"pci-map '{s}': expected range or rid") } },
            };
        }
        return (o, version, memory);
    }

    private static GuestSpec ReadDomain(string file, YamlNode node)
    {
        var map = YamlDocument.Mapping(file, node, "a domain");
        YamlDocument.OnlyKeys(file, map, "a domain", "name", "memory", "vcpus", "kernel", "ramdisk", "cmdline", "viommu", "passthrough");
        string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? YamlDocument.Scalar(file, v, key) : null;
        YamlNode? Node(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
        var name = Get("name") ?? throw YamlDocument.Error(file, node, "a domain needs a name");
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw YamlDocument.Error(file, Node("name")!, $"domain name '{name}' may only hold letters, digits, '-' and '_' (it names files and nodes)");
        var memoryText = Get("memory") ?? throw YamlDocument.Error(file, node, $"domain '{name}' needs memory (e.g. 512M)");
        var memory = XenOptions.ParseNumber(memoryText) ?? throw YamlDocument.Error(file, Node("memory")!, $"memory '{memoryText}' is not a size (e.g. 512M, 0x20000000)");
        if (memory == 0 || memory % (1UL << 20) != 0) throw YamlDocument.Error(file, Node("memory")!, $"memory '{memoryText}' must be a non-zero whole number of MB");
        var vcpus = 1;
        if (Get("vcpus") is { } vc && (!int.TryParse(vc, NumberStyles.None, CultureInfo.InvariantCulture, out vcpus) || vcpus is < 1 or > 128))
            throw YamlDocument.Error(file, Node("vcpus")!, $"vcpus '{vc}' must be a number from 1 to 128");
        var viommu = true;
        if (Get("viommu") is { } vi)
            viommu = vi switch { "smmuv3" => true, "none" => false, _ => throw YamlDocument.Error(file, Node("viommu")!, $"viommu '{vi}': expected smmuv3 or none") };
        var devices = new List<DeviceRequest>();
        if (Node("passthrough") is { } pt)
            foreach (var item in YamlDocument.Sequence(file, pt, "passthrough").Children) devices.Add(ReadDevice(file, item));
        return new GuestSpec
        {
            Name = name, Memory = memory, Vcpus = vcpus, Kernel = Get("kernel"), Ramdisk = Get("ramdisk"), Cmdline = Get("cmdline"),
            Viommu = viommu, Passthrough = devices, Location = YamlDocument.At(file, node),
        };
    }

    private static DeviceRequest ReadDevice(string file, YamlNode node)
    {
        var at = YamlDocument.At(file, node);
        if (node is YamlScalarNode s) return new DeviceRequest(CheckPath(file, node, s.Value ?? ""), null, Array.Empty<(uint, uint)>(), at);
        var map = YamlDocument.Mapping(file, node, "a passthrough entry");
        YamlDocument.OnlyKeys(file, map, "a passthrough entry", "path", "vsid", "guest", "interrupts", "pci", "rids");
        YamlNode? Node(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;
        if (Node("pci") is { } pci)
        {
            if (Node("path") is not null || Node("vsid") is not null || Node("guest") is not null) throw YamlDocument.Error(file, node, "a pci entry takes pci and rids only");
            var rids = Node("rids") is { } r ? ParseRids(file, r) : new List<(uint, uint)> { (0, 0x10000) };
            return new DeviceRequest(CheckPath(file, pci, YamlDocument.Scalar(file, pci, "pci")), null, rids, at);
        }
        if (Node("rids") is not null) throw YamlDocument.Error(file, node, "rids needs pci");
        var path = Node("path") ?? throw YamlDocument.Error(file, node, "a passthrough entry needs path or pci");
        uint? vsid = null;
        if (Node("vsid") is { } v)
        {
            var n = v is YamlScalarNode vs ? YamlDocument.Integer(vs) : null;
            if (n is null || n > 0xffffffff) throw YamlDocument.Error(file, v, "vsid must be a number");
            vsid = (uint)n;
        }
        ulong? guest = null;
        if (Node("guest") is { } g)
        {
            guest = g is YamlScalarNode gs ? YamlDocument.Integer(gs) : null;
            if (guest is null || guest % 0x1000 != 0) throw YamlDocument.Error(file, g, "guest must be a page-aligned address");
        }
        var interrupts = true;
        if (Node("interrupts") is { } irq)
        {
            var text = YamlDocument.Scalar(file, irq, "interrupts");
            interrupts = text switch { "gic" => true, "none" => false, _ => throw YamlDocument.Error(file, irq, $"interrupts '{text}': expected gic or none") };
        }
        return new DeviceRequest(CheckPath(file, path, YamlDocument.Scalar(file, path, "path")), vsid, Array.Empty<(uint, uint)>(), at) { GuestAddress = guest, Interrupts = interrupts };
    }

    private static string CheckPath(string file, YamlNode node, string path)
    {
        if (!path.StartsWith('/') || path.Length < 2) throw YamlDocument.Error(file, node, $"'{path}' is not a host node path (it starts with /)");
        return path;
    }

    /// <summary><c>0x100-0x1ff</c> (inclusive), a single RID, or a list of them.</summary>
    private static List<(uint Base, uint Count)> ParseRids(string file, YamlNode node)
    {
        var items = node is YamlSequenceNode seq ? seq.Children.ToList() : new List<YamlNode> { node };
        var list = new List<(uint, uint)>();
        foreach (var item in items)
        {
            var text = YamlDocument.Scalar(file, item, "rids");
            var dash = text.IndexOf('-');
            var first = XenOptions.ParseNumber(dash < 0 ? text : text[..dash]);
            var last = dash < 0 ? first : XenOptions.ParseNumber(text[(dash + 1)..]);
            if (first is null || last is null || last < first || last > 0xffff)
                throw YamlDocument.Error(file, item, $"rids '{text}': expected FIRST-LAST requester IDs (0-0xffff)");
            list.Add(((uint)first, (uint)(last - first + 1)));
        }
        return list;
    }
}
