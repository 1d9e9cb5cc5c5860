using Viommu.SmmuModel.Scenario;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

public class ScenarioReaderTests
{
    private static ScenarioException Fails(string yaml) =>
        Assert.Throws<ScenarioException>(() => ScenarioReader.Read(yaml, "s.yaml"));

    [Fact]
    public void Reads_registers_memory_and_transactions()
    {
        var s = ScenarioReader.Read("""
            smmu: {oas: 40, sidsize: 8, ssidsize: 4, strtab_base: 0x8000_0000, strtab_base_cfg: 0b1000, smmuen: true}
            memory:
              - {at: 0x1000, u64: [0x1122334455667788]}
              - {at: 0x2000, u32: [0xdeadbeef]}
              - {at: 0x3000, bytes: [1, 2]}
              - {at: 0x4000, size: 0x100, abort: true}
            transactions:
              - {sid: 3, ssid: 1, addr: 0x10, access: exec, priv: true}
            """, "s.yaml");
        Assert.Equal(40, s.Registers.OasBits);
        Assert.Equal(8, s.Registers.SidSize);
        Assert.Equal(4, s.Registers.SsidSize);
        Assert.Equal(0x80000000UL, s.Registers.StrtabBase);
        Assert.Equal(0x1122334455667788UL, s.Memory.Read64(0x1000));
        Assert.Equal(0xdeadbeefUL, s.Memory.Read64(0x2000));
        Assert.Equal(0x0201UL, s.Memory.Read64(0x3000));
        Assert.True(s.Memory.IsAbort(0x40f8, 8));
        Assert.False(s.Memory.IsAbort(0x4100, 8));
        Assert.Equal(new Transaction(3, 0x10, AccessKind.Execute, 1, true), Assert.Single(s.Transactions));
    }

    [Theory]
    [InlineData("smmu: {strtab_base: 0}\n", 1, 7, "strtab_base and strtab_base_cfg")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, bogus: 1}\n", 1, 44, "unknown key 'bogus'")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\ntransactions:\n  - {sid: 1, addr: zz}\n", 3, 20, "unsigned integer")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\ntransactions:\n  - {sid: 1, addr: 0, access: fetch}\n", 3, 31, "read, write or exec")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\ntransactions:\n  - {addr: 0}\n", 3, 5, "needs 'sid'")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0, oas: 47}\n", 1, 49, "oas must be")]
    [InlineData("smmu: [1, 2\n", 2, 1, "")]
    [InlineData("transactions: []\n", 1, 1, "missing 'smmu'")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\nmemory:\n  - {at: 0, u64: [1], u32: [2]}\n", 3, 5, "exactly one of")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\nmemory:\n  - {at: 0, abort: true}\n", 3, 5, "non-zero 'size'")]
    [InlineData("smmu: {strtab_base: 0, strtab_base_cfg: 0}\ntransactions:\n  - {sid: 0x1ffffffff, addr: 0}\n", 3, 11, "out of range")]
    public void Mistakes_are_located(string yaml, int line, int column, string message)
    {
        var e = Fails(yaml);
        Assert.Equal(line, e.Line);
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"s.yaml:{line}:{column}: error: ", e.Message);
    }
}
