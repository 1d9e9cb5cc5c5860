using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Translation;
using Viommu.SmmuModel.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Viommu.SmmuModel.Scenario;

/// <summary>
/// Reads the <c>viommu smmu</c> scenario format: <c>smmu</c> (registers), <c>memory</c> (contents and
/// external-abort regions) and <c>transactions</c>. Every mistake is a <see cref="ScenarioException"/>
/// with the YAML line and column.
/// </summary>
public static class ScenarioReader
{
    /// <summary>Upper bound on bytes one memory entry may write, so a typo cannot exhaust memory.</summary>
    public const int MaxEntryWords = 1 << 20;

    public static SmmuScenario ReadFile(string path) => Read(File.ReadAllText(path), path);

    public static SmmuScenario Read(string text, string fileName)
    {
        var y = new YamlValues(fileName);
        var stream = new YamlStream();
        try
        {
            if (YamlPrecheck.FindProblem(text) is { } problem)
                throw new ScenarioException(fileName, (int)problem.Line, (int)problem.Column, problem.Message);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ScenarioException(fileName, e.Start.Line, e.Start.Column, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner and loader can fail this way on malformed input; they give no place.
            throw new ScenarioException(fileName, 1, 1, "the file is not valid YAML (YamlDotNet: " + e.Message + ")");
        }
        if (stream.Documents.Count != 1)
            throw new ScenarioException(fileName, 1, 1, $"expected one YAML document, found {stream.Documents.Count}");

        var root = y.Mapping(stream.Documents[0].RootNode, "the scenario");
        var scenario = new SmmuScenario();
        var sawSmmu = false;
        foreach (var (key, keyNode, value) in y.Entries(root, "the scenario", "smmu", "memory", "transactions"))
        {
            switch (key)
            {
                case "smmu":
                    ReadRegisters(y, y.Mapping(value, "smmu"), scenario.Registers);
                    sawSmmu = true;
                    break;
                case "memory":
                    foreach (var entry in y.Sequence(value, "memory")) ReadMemory(y, entry, scenario);
                    break;
                case "transactions":
                    foreach (var entry in y.Sequence(value, "transactions")) scenario.Transactions.Add(ReadTransaction(y, entry));
                    break;
            }
        }
        if (!sawSmmu) throw new ScenarioException(fileName, root.Start.Line, root.Start.Column, "missing 'smmu' (strtab_base and strtab_base_cfg are required)");
        return scenario;
    }

    private static void ReadRegisters(YamlValues y, YamlMappingNode map, SmmuRegisters regs)
    {
        bool haveBase = false, haveCfg = false;
        int? oas = null, sidsize = null, ssidsize = null;
        bool? smmuen = null, gbpaAbort = null;
        foreach (var (key, _, v) in y.Entries(map, "smmu", "oas", "sidsize", "ssidsize", "strtab_base", "strtab_base_cfg",
                     "idr0", "idr1", "idr5", "cr0", "gbpa", "smmuen", "gbpa_abort"))
        {
            switch (key)
            {
                case "oas":
                    var bits = (int)y.Unsigned(v, "oas", 64);
                    if (AddressSize.ToEncoding(bits) < 0) throw y.Error(v, "oas must be 32, 36, 40, 42, 44, 48 or 52");
                    oas = bits;
                    break;
                case "sidsize": sidsize = (int)y.Unsigned(v, "sidsize", 32); break;
                case "ssidsize": ssidsize = (int)y.Unsigned(v, "ssidsize", 20); break;
                case "strtab_base": regs.StrtabBase = y.Unsigned(v, "strtab_base"); haveBase = true; break;
                case "strtab_base_cfg": regs.StrtabBaseCfg = (uint)y.Unsigned(v, "strtab_base_cfg", uint.MaxValue); haveCfg = true; break;
                case "idr0": regs.Idr0 = (uint)y.Unsigned(v, "idr0", uint.MaxValue); break;
                case "idr1": regs.Idr1 = (uint)y.Unsigned(v, "idr1", uint.MaxValue); break;
                case "idr5": regs.Idr5 = (uint)y.Unsigned(v, "idr5", uint.MaxValue); break;
                case "cr0": regs.Cr0 = (uint)y.Unsigned(v, "cr0", uint.MaxValue); break;
                case "gbpa": regs.Gbpa = (uint)y.Unsigned(v, "gbpa", uint.MaxValue); break;
                case "smmuen": smmuen = y.Boolean(v, "smmuen"); break;
                case "gbpa_abort": gbpaAbort = y.Boolean(v, "gbpa_abort"); break;
            }
        }
        if (!haveBase || !haveCfg) throw y.Error(map, "smmu needs both strtab_base and strtab_base_cfg");
        // Named fields override the raw registers they live in.
        if (oas is { } o) regs.SetOasBits(o);
        if (sidsize is { } s) regs.SetSidSize(s);
        if (ssidsize is { } ss) regs.SetSsidSize(ss);
        if (smmuen is { } en) regs.Cr0 = en ? regs.Cr0 | 1 : regs.Cr0 & ~1u;
        if (gbpaAbort is { } ab) regs.Gbpa = ab ? regs.Gbpa | (1u << 20) : regs.Gbpa & ~(1u << 20);
    }

    private static void ReadMemory(YamlValues y, YamlNode node, SmmuScenario scenario)
    {
        var map = y.Mapping(node, "a memory entry");
        ulong? at = null;
        YamlSequenceNode? u64 = null, u32 = null, bytes = null;
        ulong? size = null;
        var abort = false;
        foreach (var (key, _, v) in y.Entries(map, "a memory entry", "at", "u64", "u32", "bytes", "size", "abort"))
        {
            switch (key)
            {
                case "at": at = y.Unsigned(v, "at"); break;
                case "u64": u64 = y.Sequence(v, "u64"); break;
                case "u32": u32 = y.Sequence(v, "u32"); break;
                case "bytes": bytes = y.Sequence(v, "bytes"); break;
                case "size": size = y.Unsigned(v, "size"); break;
                case "abort": abort = y.Boolean(v, "abort"); break;
            }
        }
        if (at is not { } address) throw y.Error(map, "a memory entry needs 'at'");
        var contents = (u64 is null ? 0 : 1) + (u32 is null ? 0 : 1) + (bytes is null ? 0 : 1);
        if (abort)
        {
            if (contents != 0) throw y.Error(map, "an abort region holds no data (remove u64/u32/bytes)");
            if (size is not { } s || s == 0) throw y.Error(map, "an abort region needs a non-zero 'size'");
            scenario.Memory.AddAbortRegion(address, s);
            return;
        }
        if (size is not null) throw y.Error(map, "'size' only goes with 'abort: true'");
        if (contents != 1) throw y.Error(map, "a memory entry needs exactly one of u64, u32 or bytes");
        var list = (u64 ?? u32 ?? bytes)!;
        if (list.Children.Count > MaxEntryWords) throw y.Error(list, $"a memory entry may hold at most {MaxEntryWords} values");
        var width = u64 is not null ? 8 : u32 is not null ? 4 : 1;
        var offset = address;
        foreach (var item in list)
        {
            switch (width)
            {
                case 8: scenario.Memory.Write64(offset, y.Unsigned(item, "a u64 value")); break;
                case 4: scenario.Memory.Write32(offset, (uint)y.Unsigned(item, "a u32 value", uint.MaxValue)); break;
                default: scenario.Memory.Write(offset, [(byte)y.Unsigned(item, "a byte", byte.MaxValue)]); break;
            }
            offset += (ulong)width;
        }
    }

    private static Transaction ReadTransaction(YamlValues y, YamlNode node)
    {
        var map = y.Mapping(node, "a transaction");
        uint? sid = null;
        ulong? addr = null;
        uint? ssid = null;
        var access = AccessKind.Read;
        var privileged = false;
        foreach (var (key, _, v) in y.Entries(map, "a transaction", "sid", "ssid", "addr", "access", "priv"))
        {
            switch (key)
            {
                case "sid": sid = (uint)y.Unsigned(v, "sid", uint.MaxValue); break;
                case "ssid": ssid = (uint)y.Unsigned(v, "ssid", (1u << 20) - 1); break;
                case "addr": addr = y.Unsigned(v, "addr"); break;
                case "access":
                    access = y.Scalar(v, "access") switch
                    {
                        "read" => AccessKind.Read,
                        "write" => AccessKind.Write,
                        "exec" => AccessKind.Execute,
                        var other => throw y.Error(v, $"access must be read, write or exec, not '{other}'"),
                    };
                    break;
                case "priv": privileged = y.Boolean(v, "priv"); break;
            }
        }
        if (sid is null) throw y.Error(map, "a transaction needs 'sid'");
        if (addr is null) throw y.Error(map, "a transaction needs 'addr'");
        return new Transaction(sid.Value, addr.Value, access, ssid, privileged);
    }
}
