using System.Text;

namespace Viommu.Cli.Tests;

public class HugeHeapPagesTests
{
    private const string Maps = """
        00400000-00404000 r--p 00000000 fe:00 11657221                           /tmp/vbin/viommu
        009a4000-00b59000 rw-p 005a1000 fe:00 11657221                           /tmp/vbin/viommu
        1fa44000-1fa65000 rw-p 00000000 00:00 0                                  [heap]
        7f082ac00000-7f082b26f000 rw-p 00000000 00:00 0 
        7f082b26f000-7f082b400000 ---p 00000000 00:00 0 
        7f13e3ab4000-7f13e3c0a000 r-xp 00026000 fe:00 1835                       /usr/lib/x86_64-linux-gnu/libc.so.6
        not a mapping line
        ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]
        """;

    private static (long, long)? Find(long address) => HugeHeapPages.MappingOf(Encoding.ASCII.GetBytes(Maps), address);

    [Fact]
    public void An_anonymous_read_write_mapping_is_found_whole()
    {
        Assert.Equal((0x7f082ac00000L, 0x7f082b26f000L), Find(0x7f082ac00530));
        Assert.Equal((0x7f082ac00000L, 0x7f082b26f000L), Find(0x7f082ac00000));
        Assert.Equal((0x7f082ac00000L, 0x7f082b26f000L), Find(0x7f082b26efff));
    }

    [Theory]
    [InlineData(0x009a5000L)] // the executable's data: a file mapping
    [InlineData(0x1fa50000L)] // malloc's heap: named
    [InlineData(0x7f082b300000L)] // reserved, not read-write
    [InlineData(0x7f13e3ab5000L)] // library code
    [InlineData(0x7f082b26f000L - 0x10000000L)] // in no mapping
    [InlineData(0x10L)]
    public void Any_other_address_gives_nothing(long address) => Assert.Null(Find(address));

    [Fact]
    public void A_last_line_without_a_newline_is_read()
    {
        var maps = "7f0000000000-7f0000200000 rw-p 00000000 00:00 0"u8;
        Assert.Equal((0x7f0000000000L, 0x7f0000200000L), HugeHeapPages.MappingOf(maps, 0x7f0000100000));
    }
}
