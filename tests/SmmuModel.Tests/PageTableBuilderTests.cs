using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Tests;

/// <summary>The page-table builder's refusals and what it writes: block or page leaves, reuse of tables, overlaps,
/// tables cleared over stale memory.</summary>
public sealed class PageTableBuilderTests
{
    private static PageTableBuilder Builder(PhysicalMemory memory, int startLevel = 1, int inputBits = 39, int stage = 2)
        => new(memory, new MemoryAllocator(0x100_0000, 0x200_0000), stage, Granule.Size4K, startLevel, inputBits);

    [Theory]
    [InlineData(0, 40, true)]   // level 0 resolves bit 39 of a 40-bit input
    [InlineData(1, 39, true)]
    [InlineData(0, 39, false)]  // level 0 would resolve no bit of a 39-bit input
    [InlineData(2, 35, false)]  // level 2 for 35 bits needs 2^5 concatenated tables
    [InlineData(2, 34, true)]   // 16 concatenated tables, the most allowed
    public void The_start_level_must_fit_the_input_size(int startLevel, int inputBits, bool accepted)
    {
        var build = () => Builder(new PhysicalMemory(), startLevel, inputBits);
        if (accepted) Assert.NotEqual(0UL, build().Root);
        else Assert.Contains($"start level {startLevel} cannot cover a {inputBits}-bit input with a 4096-byte granule",
            Assert.Throws<ArgumentException>(build).Message);
    }

    [Fact]
    public void A_concatenated_root_is_sized_and_aligned_for_all_its_tables()
    {
        var allocator = new MemoryAllocator(0x100_1000, 0x200_0000);
        var b = new PageTableBuilder(new PhysicalMemory(), allocator, 2, Granule.Size4K, 2, 34);
        Assert.Equal(0UL, b.Root % 0x10000);                 // 16 tables of 4 KB, aligned to their total
        Assert.Equal(b.Root + 0x10000 - 0x100_1000, allocator.Used);
    }

    [Theory]
    [InlineData(0x1000UL, 0x0UL, 0x800UL, "mapping 0x1000+0x800 -> 0x0 is not aligned to the 4096-byte granule")]
    [InlineData(0x1800UL, 0x0UL, 0x1000UL, "mapping 0x1800+0x1000 -> 0x0 is not aligned to the 4096-byte granule")]
    [InlineData(0x1000UL, 0x800UL, 0x1000UL, "mapping 0x1000+0x1000 -> 0x800 is not aligned to the 4096-byte granule")]
    [InlineData(0x7f_ffff_f000UL, 0x0UL, 0x2000UL, "mapping 0x7ffffff000+0x2000 is beyond the 39-bit input size")]
    [InlineData(0xffff_ffff_ffff_f000UL, 0x0UL, 0x2000UL, "mapping 0xfffffffffffff000+0x2000 is beyond the 39-bit input size")]
    public void Bad_mappings_are_refused(ulong input, ulong output, ulong size, string message)
        => Assert.Equal(message, Assert.Throws<ArgumentException>(() => Builder(new PhysicalMemory()).Map(new Mapping(input, output, size, MapPermissions.All))).Message);

    [Fact]
    public void Blocks_where_alignment_allows_pages_elsewhere()
    {
        var memory = new PhysicalMemory();
        var b = Builder(memory);
        b.Map(new Mapping(0x4000_0000, 0x8000_0000, 0x4000_0000, MapPermissions.All));   // one 1 GB block
        Assert.Equal(1, b.Leaves);
        b.Map(new Mapping(0x20_0000, 0x1_0020_0000, 0x20_1000, MapPermissions.Read));   // a 2 MB block and a page
        Assert.Equal(3, b.Leaves);
        b.Map(new Mapping(0x1000_0000, 0x1_1000_1000, 0x20_0000, MapPermissions.Read));  // output not 2 MB aligned: pages
        Assert.Equal(3 + 512, b.Leaves);
        b.Map(new Mapping(0x2000_0000, 0x2000_0000, 0, MapPermissions.Read));            // empty: nothing
        Assert.Equal(3 + 512, b.Leaves);
        var walker = new TableWalker(memory);
        var tables = b.Tables(48);
        foreach (var (ipa, pa) in new[] { (0x4000_0000UL, 0x8000_0000UL), (0x7fff_fff8UL, 0xbfff_fff8UL), (0x20_0000UL, 0x1_0020_0000UL),
                     (0x40_0ff8UL, 0x1_0040_0ff8UL), (0x1000_0000UL, 0x1_1000_1000UL), (0x101f_fff8UL, 0x1_1020_0ff8UL) })
        {
            var r = walker.Walk(tables, ipa);
            Assert.False(r.IsFault, $"0x{ipa:x}");
            Assert.Equal(pa, r.OutputAddress);
        }
        Assert.True(walker.Walk(tables, 0x40_1000).IsFault);
    }

    [Fact]
    public void Mapping_over_a_mapped_address_is_refused()
    {
        var b = Builder(new PhysicalMemory());
        b.Map(new Mapping(0x4000_0000, 0x8000_0000, 0x20_0000, MapPermissions.All));   // a 2 MB block
        Assert.Equal("address 0x40000000 is already mapped",
            Assert.Throws<InvalidOperationException>(() => b.Map(new Mapping(0x4000_0000, 0x9000_0000, 0x1000, MapPermissions.All))).Message);
        b.Map(new Mapping(0x5000_0000, 0x9000_0000, 0x1000, MapPermissions.All));       // a page: a level-3 table under it
        Assert.Equal("address 0x50000000 is already mapped",
            Assert.Throws<InvalidOperationException>(() => b.Map(new Mapping(0x5000_0000, 0x9000_0000, 0x1000, MapPermissions.All))).Message);
        Assert.Equal("address 0x50000000 is already mapped",   // a block over a table
            Assert.Throws<InvalidOperationException>(() => b.Map(new Mapping(0x5000_0000, 0xa000_0000, 0x20_0000, MapPermissions.All))).Message);
        b.Map(new Mapping(0x5000_1000, 0x9000_1000, 0x1000, MapPermissions.All));       // the next page shares the table
    }

    [Fact]
    public void Fresh_tables_are_cleared_over_stale_memory()
    {
        var memory = new PhysicalMemory();
        for (ulong a = 0x100_0000; a < 0x100_4000; a += 8) memory.Write64(a, 0xffff_ffff_ffff_ffff);
        var b = Builder(memory);
        b.Map(new Mapping(0x1000, 0x1000, 0x1000, MapPermissions.Read));
        var walker = new TableWalker(memory);
        Assert.False(walker.Walk(b.Tables(48), 0x1000).IsFault);
        Assert.True(walker.Walk(b.Tables(48), 0x2000).IsFault);      // a stale descriptor would have translated
        Assert.True(walker.Walk(b.Tables(48), 0x4000_0000).IsFault);
    }
}
