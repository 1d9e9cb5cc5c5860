using Viommu.SmmuModel.Scenario;

namespace Viommu.SmmuModel.Tests;

/// <summary>The scenario reader key by key: every register key, every number and boolean spelling, and every
/// mistake with its whole message and place.</summary>
public sealed class ScenarioReaderDetailTests
{
    private const string Regs = "smmu: {strtab_base: 0, strtab_base_cfg: 0}\n";

    private static string Message(string yaml) => Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, "s.yaml")).Message;

    [Fact]
    public void Every_register_key_is_read_and_named_fields_override_raw_registers()
    {
        var s = ScenarioReader.Read("""
            smmu: {strtab_base: 0x1000, strtab_base_cfg: 0x10008, idr0: 0x3, idr1: 0x210, idr5: 0x15, cr0: 0, gbpa: 0x100000,
                   smmuen: yes, gbpa_abort: off, sidsize: 12}
            """, "s.yaml");
        var r = s.Registers;
        Assert.Equal(0x1000UL, r.StrtabBase);
        Assert.Equal(0x10008u, r.StrtabBaseCfg);
        Assert.Equal(0x3u, r.Idr0);
        Assert.Equal(12, r.SidSize);                 // sidsize overrides IDR1.SIDSIZE
        Assert.Equal(8, r.SsidSize);                 // IDR1.SSIDSIZE from the raw 0x210
        Assert.Equal(0x15u, r.Idr5);
        Assert.Equal(1u, r.Cr0);                     // smmuen: yes sets CR0.SMMUEN
        Assert.Equal(0u, r.Gbpa);                    // gbpa_abort: off clears GBPA.ABORT
        var t = ScenarioReader.Read("smmu: {strtab_base: 0, strtab_base_cfg: 0, cr0: 3, gbpa: 0, smmuen: off, gbpa_abort: on, oas: 44, ssidsize: 5}\n", "s.yaml");
        Assert.Equal(2u, t.Registers.Cr0);
        Assert.Equal(1u << 20, t.Registers.Gbpa);
        Assert.Equal(44, t.Registers.OasBits);
        Assert.Equal(5, t.Registers.SsidSize);
    }

    [Theory]
    [InlineData("1_000", 1000UL)]
    [InlineData("0x1F", 0x1fUL)]
    [InlineData("0X1f", 0x1fUL)]
    [InlineData("0b101", 5UL)]
    [InlineData("0B11", 3UL)]
    [InlineData("0o17", 15UL)]
    [InlineData("0O7", 7UL)]
    [InlineData("0xffffffffffffffff", ulong.MaxValue)]
    [InlineData("0b1111111111111111111111111111111111111111111111111111111111111111", ulong.MaxValue)]
    [InlineData("0o1777777777777777777777", ulong.MaxValue)]
    public void Numbers_in_every_spelling(string text, ulong value)
        => Assert.Equal(value, ScenarioReader.Read(Regs + $"transactions:\n  - {{sid: 0, addr: {text}}}\n", "s.yaml").Transactions[0].Address);

    [Theory]
    [InlineData("true", true)] [InlineData("yes", true)] [InlineData("on", true)] [InlineData("1", true)] [InlineData("TRUE", true)]
    [InlineData("false", false)] [InlineData("no", false)] [InlineData("off", false)] [InlineData("0", false)]
    public void Booleans_in_every_spelling(string text, bool value)
        => Assert.Equal(value, ScenarioReader.Read(Regs + $"transactions:\n  - {{sid: 0, addr: 0, priv: {text}}}\n", "s.yaml").Transactions[0].Privileged);

    [Theory]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0b102}\n", "s.yaml:3:20: error: addr must be an unsigned integer, not '0b102'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0o8}\n", "s.yaml:3:20: error: addr must be an unsigned integer, not '0o8'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0b}\n", "s.yaml:3:20: error: addr must be an unsigned integer, not '0b'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0b10000000000000000000000000000000000000000000000000000000000000000}\n",
        "s.yaml:3:20: error: addr must be an unsigned integer, not '0b10000000000000000000000000000000000000000000000000000000000000000'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0o2000000000000000000000}\n", "s.yaml:3:20: error: addr must be an unsigned integer, not '0o2000000000000000000000'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0, priv: maybe}\n", "s.yaml:3:29: error: priv must be true or false")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0, ssid: 0x100000}\n", "s.yaml:3:29: error: ssid 0x100000 is out of range (at most 0xfffff)")]
    [InlineData(Regs + "transactions:\n  - {sid: 0}\n", "s.yaml:3:5: error: a transaction needs 'addr'")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, addr: 0, sid: 1}\n", "s.yaml:3:23: error: Duplicate key sid")]
    [InlineData(Regs + "transactions:\n  - {sid: 0, when: 1}\n", "s.yaml:3:14: error: unknown key 'when' in a transaction (expected one of: sid, ssid, addr, access, priv)")]
    [InlineData(Regs + "transactions:\n  - [1]\n", "s.yaml:3:5: error: a transaction must be a mapping")]
    [InlineData(Regs + "transactions: {a: 1}\n", "s.yaml:2:15: error: transactions must be a list")]
    [InlineData(Regs + "memory: 5\n", "s.yaml:2:9: error: memory must be a list")]
    [InlineData(Regs + "memory:\n  - {u64: [1]}\n", "s.yaml:3:5: error: a memory entry needs 'at'")]
    [InlineData(Regs + "memory:\n  - {at: 0}\n", "s.yaml:3:5: error: a memory entry needs exactly one of u64, u32 or bytes")]
    [InlineData(Regs + "memory:\n  - {at: 0, u64: [1], size: 8}\n", "s.yaml:3:5: error: 'size' only goes with 'abort: true'")]
    [InlineData(Regs + "memory:\n  - {at: 0, u32: [1], abort: true, size: 8}\n", "s.yaml:3:5: error: an abort region holds no data (remove u64/u32/bytes)")]
    [InlineData(Regs + "memory:\n  - {at: 0, abort: true, size: 0}\n", "s.yaml:3:5: error: an abort region needs a non-zero 'size'")]
    [InlineData(Regs + "memory:\n  - {at: 0, u32: [0x100000000]}\n", "s.yaml:3:19: error: a u32 value 0x100000000 is out of range (at most 0xffffffff)")]
    [InlineData(Regs + "memory:\n  - {at: 0, bytes: [256]}\n", "s.yaml:3:21: error: a byte 256 is out of range (at most 0xff)")]
    [InlineData(Regs + "memory:\n  - {at: 0, u64: [x]}\n", "s.yaml:3:19: error: a u64 value must be an unsigned integer, not 'x'")]
    [InlineData(Regs + "memory:\n  - {at: 0, u64: 1}\n", "s.yaml:3:18: error: u64 must be a list")]
    [InlineData(Regs + "memory:\n  - {at: 0, u32: 1}\n", "s.yaml:3:18: error: u32 must be a list")]
    [InlineData(Regs + "memory:\n  - {at: 0, bytes: 1}\n", "s.yaml:3:20: error: bytes must be a list")]
    [InlineData(Regs + "memory:\n  - {at: [0], u64: [1]}\n", "s.yaml:3:10: error: at must be a scalar")]
    [InlineData(Regs + "memory:\n  - {at: 0, u64: [1], where: 1}\n", "s.yaml:3:23: error: unknown key 'where' in a memory entry (expected one of: at, u64, u32, bytes, size, abort)")]
    [InlineData("smmu: 1\n", "s.yaml:1:7: error: smmu must be a mapping")]
    [InlineData("smmu: {strtab_base_cfg: 0}\n", "s.yaml:1:7: error: smmu needs both strtab_base and strtab_base_cfg")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, sidsize: 33}\n", "s.yaml:1:53: error: sidsize 33 is out of range (at most 0x20)")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, ssidsize: 21}\n", "s.yaml:1:54: error: ssidsize 21 is out of range (at most 0x14)")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0x100000000}\n", "s.yaml:1:41: error: strtab_base_cfg 0x100000000 is out of range (at most 0xffffffff)")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, idr0: 0x100000000}\n", "s.yaml:1:50: error: idr0 0x100000000 is out of range (at most 0xffffffff)")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, smmuen: 2}\n", "s.yaml:1:52: error: smmuen must be true or false")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, oas: 65}\n", "s.yaml:1:49: error: oas 65 is out of range (at most 0x40)")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\n---\nsmmu: {}\n", "s.yaml:1:1: error: expected one YAML document, found 2")]
    [InlineData("- 1\n", "s.yaml:1:1: error: the scenario must be a mapping")]
    [InlineData("{[1]: 2}\n", "s.yaml:1:2: error: a key of the scenario must be a scalar")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\ncpu: 1\n", "s.yaml:2:1: error: unknown key 'cpu' in the scenario (expected one of: smmu, memory, transactions)")]
    public void Mistakes_give_their_whole_message(string yaml, string message) => Assert.Equal(message, Message(yaml));

    [Theory]
    [InlineData("smmu: &r {strtab_base: 0, strtab_base_cfg: 0}\n", "s.yaml:1:7: error: YAML anchors and aliases are not accepted")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\nmemory: [*m]\n", "s.yaml:2:10: error: YAML anchors and aliases are not accepted")]
    [InlineData("&a {*a : 1}\n", "s.yaml:1:1: error: YAML anchors and aliases are not accepted")]
    public void Anchors_and_aliases_are_refused_before_anything_is_built(string yaml, string message)
        => Assert.Equal(message, Message(yaml));

    [Fact]
    public void Characters_yaml_forbids_and_deep_nesting_are_refused_before_loading()
    {
        Assert.StartsWith("s.yaml:2:9: error: character U+0000 is not allowed in YAML", Message("smmu:\n  oas: 4\08\n"));
        Assert.StartsWith("s.yaml:1:136: error: YAML nested more than 128 levels deep",
            Message("memory: " + new string('[', 128) + new string(']', 128) + "\n"));
    }

    /// <summary>Inputs fuzzing found to crash the reader (here: a mapping key holding an alias of itself overflowed
    /// the stack inside YamlDotNet's loader).</summary>
    [Fact]
    public void Fuzz_findings_give_located_errors()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests", "SmmuModel.Tests", "FuzzFindings")))
            Assert.Matches(@"^s\.yaml:\d+:\d+: error: ", Message(File.ReadAllText(file)));
    }
}
