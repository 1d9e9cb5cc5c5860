using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Tests;
using Viommu.SmmuModel.Translation;
using Viommu.SmmuModel.Validation;

BenchmarkSwitcher.FromAssembly(typeof(TranslationBench).Assembly).Run(args);

/// <summary>One nested translation: a 3-level guest stage 1 (39-bit VA, 4K) whose every table fetch, the
/// CD fetch and the final IPA go through a 3-level stage 2 mapped with 4K pages (40-bit IPA).</summary>
[MemoryDiagnoser]
public class TranslationBench
{
    private Smmu _smmu = null!;
    private Transaction _tx;

    [GlobalSetup]
    public void Setup()
    {
        var memory = new PhysicalMemory();
        var regs = new SmmuRegisters();
        var tables = new MemoryAllocator(0x8000_0000, 0x9000_0000);
        var streamTable = StreamTableBuilder.TwoLevel(memory, tables, 16, 8);
        streamTable.Apply(regs);
        var layout = Stage2Layout.For(40, Granule.Size4K, 48);
        var s2 = new PageTableBuilder(memory, tables, 2, Granule.Size4K, layout.StartLevel, 40);
        for (ulong page = 0; page < 0x100_0000; page += 0x1000) // 16 MB of guest RAM in 4K pages: 3-level stage-2 walks
            s2.Map(new Mapping(0x4000_0000 + page, 0xa000_0000 + page, 0x1000, MapPermissions.ReadWrite));
        var guest = new MemoryAllocator(0x40f0_0000, 0x4100_0000);
        var s1 = new PageTableBuilder(memory, guest, 1, Granule.Size4K, 1, 39, ipa => ipa - 0x4000_0000 + 0xa000_0000);
        s1.Map(new Mapping(0x1000, 0x4030_0000, 0x1000, MapPermissions.ReadWrite));
        var cd = guest.Allocate(64, 64);
        memory.Write64(cd - 0x4000_0000 + 0xa000_0000, new CdFields { Ttb0 = s1.Root, IpsBits = 40 }.Encode());
        streamTable.WriteSte(0x123, SteFields.Nested(1, layout, s2.Root, cd).Encode());
        _smmu = new Smmu(regs, memory);
        _tx = new Transaction(0x123, 0x1abc);
        if (_smmu.Translate(_tx).Describe() != "OK 0xa0300abc") throw new InvalidOperationException(_smmu.Translate(_tx).Describe());
    }

    [Benchmark]
    public ulong NestedTranslation() => _smmu.Translate(_tx).PhysicalAddress;
}

/// <summary>Validating 8 SMMUs, 64 domains (4 GB of RAM each) and 4,096 streams, a quarter of them nested.</summary>
public class ValidationBench
{
    private ValidationInput _input = null!;

    [GlobalSetup]
    public void Setup() => _input = LargeSystem.Build(smmus: 8, domains: 64, streams: 4096);

    [Benchmark]
    public int Validate8Smmus64Domains4096Streams()
    {
        var report = Validator.Validate(_input);
        if (!report.Passed) throw new InvalidOperationException(report.Violations[0].Describe());
        return report.StreamsChecked;
    }
}
