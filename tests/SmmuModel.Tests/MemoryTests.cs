using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Validation;

namespace Viommu.SmmuModel.Tests;

/// <summary>Simulated memory, the table allocator and violation reports, at their edges.</summary>
public sealed class MemoryTests
{
    [Fact]
    public void Words_across_a_page_boundary_read_and_write_whole()
    {
        var m = new PhysicalMemory();
        m.Write64(0xffc, 0x1122334455667788);
        Assert.Equal(0x1122334455667788UL, m.Read64(0xffc));
        Assert.Equal(0x11223344UL, m.Read64(0x1000));      // the upper half landed on the next page
        Assert.Equal(0x5566778800000000UL, m.Read64(0xff8));
        m.Write64(0xff8, 0xaabbccdd00000000);
        Assert.Equal(0xaabbccdd00000000UL, m.Read64(0xff8)); // the last whole word of a page
        Assert.Equal(2, m.PopulatedPages);
    }

    [Fact]
    public void Reads_span_pages_and_unwritten_memory_is_zero()
    {
        var m = new PhysicalMemory();
        m.Write(0x1ffe, [1, 2, 3, 4]);
        var buffer = new byte[8];
        m.Read(0x1ffc, buffer);
        Assert.Equal(new byte[] { 0, 0, 1, 2, 3, 4, 0, 0 }, buffer);
        var big = new byte[0x3000];
        m.Read(0x10_0000, big);
        Assert.All(big, b => Assert.Equal(0, b));
        m.Write(0x5000 - 3, new byte[0x2006].Select((_, i) => (byte)i).ToArray());
        var back = new byte[0x2006];
        m.Read(0x5000 - 3, back);
        Assert.Equal(new byte[0x2006].Select((_, i) => (byte)i).ToArray(), back);
        m.Write32(0x9000, 0xdeadbeef);
        Assert.Equal(0xdeadbeefUL, m.Read64(0x9000));
        m.Write64(0xa000, [1UL, 2UL]);
        Assert.Equal(2UL, m.Read64(0xa008));
    }

    [Fact]
    public void Abort_regions_cover_exactly_their_bytes()
    {
        var m = new PhysicalMemory();
        Assert.False(m.IsAbort(0, 8));
        m.AddAbortRegion(0x2000, 0);               // empty: nothing
        Assert.False(m.IsAbort(0x2000, 8));
        m.AddAbortRegion(0x1000, 0x10);
        Assert.False(m.IsAbort(0xff8, 8));         // ends just before
        Assert.True(m.IsAbort(0xff9, 8));          // its last byte is the first of the region
        Assert.True(m.IsAbort(0x100f, 1));
        Assert.False(m.IsAbort(0x1010, 8));        // starts just after
        Assert.False(m.TryRead64(0x1008, out var v));
        Assert.Equal(0UL, v);
        Assert.Equal(0UL, m.Read64(0x1008));
        m.AddAbortRegion(0xffff_ffff_ffff_fff0, 0x100); // wraps: to the end of the space
        Assert.True(m.IsAbort(ulong.MaxValue, 1));
        Assert.True(m.IsAbort(0xffff_ffff_ffff_fffc, 8)); // a read that wraps past the top
        Assert.False(m.IsAbort(0xffff_ffff_ffff_ffe0, 8));
    }

    [Fact]
    public void The_allocator_aligns_and_refuses_what_does_not_fit()
    {
        Assert.Throws<ArgumentException>(() => new MemoryAllocator(0x1000, 0x1000));
        var a = new MemoryAllocator(0x1000, 0x3000);
        Assert.Equal(0x1000UL, a.Allocate(0x10, 8));
        Assert.Equal(0x10UL, a.Used);
        Assert.Equal(0x1040UL, a.Allocate(0x40, 0x40));
        Assert.Equal(0x2000UL, a.Allocate(0x1000, 0x1000)); // exactly fills the window
        Assert.Equal(0x2000UL, a.Used);
        Assert.Throws<InvalidOperationException>(() => a.Allocate(1, 1));
        Assert.Throws<ArgumentException>(() => a.Allocate(1, 0));
        Assert.Throws<ArgumentException>(() => a.Allocate(1, 3));
        var top = new MemoryAllocator(0xffff_ffff_ffff_f000, ulong.MaxValue);
        Assert.Throws<InvalidOperationException>(() => top.Allocate(0x2000, 0x1000)); // would wrap
    }

    [Theory]
    [InlineData("s", 5u, "d", 0x1000UL, "WrongTranslation smmu=s sid=0x5 domain=d addr=0x1000: expected A, got B")]
    [InlineData("", null, "d", null, "WrongTranslation domain=d: expected A, got B")]
    [InlineData("s", null, null, null, "WrongTranslation smmu=s: expected A, got B")]
    public void Violations_describe_what_they_know(string smmu, uint? sid, string? domain, ulong? address, string text)
        => Assert.Equal(text, new Violation(ViolationKind.WrongTranslation, smmu, sid, domain, address, "A", "B").Describe());
}
