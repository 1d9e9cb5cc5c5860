using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Tests;

/// <summary>An SMMU with a linear 256-entry stream table and an allocator for tables, for unit tests.</summary>
internal sealed class Rig
{
    public PhysicalMemory Memory { get; } = new();
    public SmmuRegisters Regs { get; } = new();
    public MemoryAllocator Tables { get; } = new(0x8000_0000, 0x9000_0000);
    public StreamTableBuilder StreamTable { get; }

    public Rig(bool twoLevel = false)
    {
        StreamTable = twoLevel
            ? StreamTableBuilder.TwoLevel(Memory, Tables, 16, 6)
            : StreamTableBuilder.Linear(Memory, Tables, 8);
        StreamTable.Apply(Regs);
    }

    public static readonly Stage2Layout Xen40 = Stage2Layout.For(40, Granule.Size4K, 48);

    /// <summary>Stage-2 tables for a map.</summary>
    public PageTableBuilder Stage2(Stage2Layout layout, params Mapping[] maps)
    {
        var b = new PageTableBuilder(Memory, Tables, 2, layout.Granule, layout.StartLevel, layout.IpaBits);
        b.MapAll(maps);
        return b;
    }

    /// <summary>Stage-1 tables (physical) for a map.</summary>
    public PageTableBuilder Stage1(Granule g, int vaBits, params Mapping[] maps)
    {
        var b = new PageTableBuilder(Memory, Tables, 1, g, g.Stage1StartLevel(vaBits), vaBits);
        b.MapAll(maps);
        return b;
    }

    public void Ste(uint sid, SteFields f) => StreamTable.WriteSte(sid, f.Encode());
    public void Ste(uint sid, params ulong[] words) => StreamTable.WriteSte(sid, words);

    /// <summary>Writes a CD at a fresh physical address and returns the address.</summary>
    public ulong Cd(CdFields f)
    {
        var a = Tables.Allocate(64, 64);
        Memory.Write64(a, f.Encode());
        return a;
    }

    public string Tx(uint sid, ulong address, AccessKind access = AccessKind.Read, uint? ssid = null, bool priv = false) =>
        new Smmu(Regs, Memory).Translate(new Transaction(sid, address, access, ssid, priv)).Describe();

    public TranslationResult Result(uint sid, ulong address, AccessKind access = AccessKind.Read, uint? ssid = null) =>
        new Smmu(Regs, Memory).Translate(new Transaction(sid, address, access, ssid));
}
