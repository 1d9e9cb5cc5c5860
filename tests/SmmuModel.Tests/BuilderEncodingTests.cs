using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;

namespace Viommu.SmmuModel.Tests;

/// <summary>The bits the builders write: leaf attributes at both stages and the stream table's layout and size.</summary>
public sealed class BuilderEncodingTests
{
    private const ulong Af = 1UL << 10;

    [Theory]
    [InlineData(MapPermissions.All, false, Af | (0xFUL << 2) | (3UL << 8) | (1UL << 6) | (1UL << 7))]
    [InlineData(MapPermissions.Read, false, Af | (0xFUL << 2) | (3UL << 8) | (1UL << 6) | (1UL << 54))]
    [InlineData(MapPermissions.ReadWrite, true, Af | (1UL << 2) | (1UL << 6) | (1UL << 7) | (1UL << 54))]
    [InlineData(MapPermissions.Write, true, Af | (1UL << 2) | (1UL << 7) | (1UL << 54))]
    [InlineData(MapPermissions.None, false, Af | (0xFUL << 2) | (3UL << 8) | (1UL << 54))]
    public void Stage2_leaf_attributes(MapPermissions p, bool device, ulong bits)
    {
        Assert.Equal(bits, DescriptorEncoding.Stage2Attributes(p, device));
        Assert.Equal(p, DescriptorEncoding.Stage2Permissions(bits));
    }

    [Theory]
    [InlineData(MapPermissions.All, false, Af | (1UL << 6) | (3UL << 8))]
    [InlineData(MapPermissions.Read, false, Af | (1UL << 6) | (3UL << 8) | (1UL << 7) | (1UL << 53) | (1UL << 54))]
    [InlineData(MapPermissions.ReadWrite, true, Af | (1UL << 6) | (1UL << 2) | (1UL << 53) | (1UL << 54))]
    public void Stage1_leaf_attributes(MapPermissions p, bool device, ulong bits)
        => Assert.Equal(bits, DescriptorEncoding.Stage1Attributes(p, device));

    [Fact]
    public void Stage2_execute_needs_both_xn_bits_clear()
    {
        Assert.Equal(MapPermissions.Read, DescriptorEncoding.Stage2Permissions((1UL << 6) | (1UL << 53)));
        Assert.Equal(MapPermissions.Read | MapPermissions.Execute, DescriptorEncoding.Stage2Permissions(1UL << 6));
    }

    [Theory]
    [InlineData(8, null, 0x4000UL, 0x4000UL)] // 256 STEs of 64 bytes
    [InlineData(16, 8, 0x800UL, 0x800UL)]     // 256 level-1 descriptors of 8 bytes
    [InlineData(16, 6, 0x2000UL, 0x2000UL)]   // 1024 descriptors
    [InlineData(6, 8, 8UL, 0x40UL)]           // fewer StreamIDs than one level-2 table: one descriptor, 64-byte aligned
    public void Stream_tables_take_the_architectural_size_and_alignment(int log2Size, int? split, ulong bytes, ulong alignment)
    {
        var allocator = new MemoryAllocator(0x10_0000, 0x20_0000);
        allocator.Allocate(8, 8); // start unaligned: the table must realign
        var table = split is { } s
            ? StreamTableBuilder.TwoLevel(new PhysicalMemory(), allocator, log2Size, s)
            : StreamTableBuilder.Linear(new PhysicalMemory(), allocator, log2Size);
        Assert.Equal(0UL, table.Base % alignment);
        Assert.Equal(table.Base + bytes - 0x10_0000, allocator.Used);
        Assert.Equal((uint)log2Size | (split is { } sp ? ((uint)sp << 6) | (1u << 16) : 0), table.StrtabBaseCfg);
    }

    [Fact]
    public void Ste_addresses_follow_the_layout_and_stop_at_the_table_size()
    {
        var linear = StreamTableBuilder.Linear(new PhysicalMemory(), new MemoryAllocator(0x10_0000, 0x20_0000), 8);
        Assert.Equal(linear.Base + 64 * 0xffUL, linear.SteAddress(0xff));
        Assert.Throws<ArgumentOutOfRangeException>(() => linear.SteAddress(0x100));
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamTableBuilder.TwoLevel(new PhysicalMemory(), new MemoryAllocator(0, 0x1000), 8, 7));
        var wide = StreamTableBuilder.TwoLevel(new PhysicalMemory(), new MemoryAllocator(0x1000_0000, 0x1_0000_0000), 32, 6);
        Assert.NotEqual(0UL, wide.SteAddress(0xffff_ffff)); // 32-bit StreamIDs: every value is inside
    }

    [Fact]
    public void Cd_fields_encode_to_the_bits_the_decoder_reads()
    {
        var plain = new ContextDescriptor(new CdFields().Encode()[0], 0, 0, 0);
        Assert.True(plain.Valid && plain.Record && plain.AbortOnFault && plain.Epd1 && plain.AA64);
        Assert.False(plain.Affd || plain.Wxn);
        Assert.Equal(25, plain.T0Sz);
        var set = new CdFields { Valid = false, Record = false, Affd = true, Wxn = true, Asid = 0x1234, T0Sz = 16, IpsBits = 40, Granule = Granule.Size64K, Ttb0 = 0x12_3450 };
        var w = set.Encode();
        var cd = new ContextDescriptor(w[0], w[1], w[2], w[3]);
        Assert.False(cd.Valid || cd.Record);
        Assert.True(cd.Affd && cd.Wxn);
        Assert.Equal((ushort)0x1234, cd.Asid);
        Assert.Equal(16, cd.T0Sz);
        Assert.Equal(2UL, cd.Ips);
        Assert.Equal(Granule.Size64K, GranuleInfo.FromTg0(cd.Tg0));
        Assert.Equal(0x12_3450UL, cd.Ttb0);
        Assert.Equal(0x0404ffUL, w[3]);
        Assert.Equal(0, new CdFields { T0Sz = 16 }.StartLevel);   // 48-bit VA, 4K: level 0
        Assert.Equal(1, new CdFields().StartLevel);               // 39-bit VA: level 1
    }
}
