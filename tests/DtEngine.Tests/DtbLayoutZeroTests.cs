using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The blob is written into an array that is not cleared first; every byte the layout leaves empty (the header's
/// alignment gap, the -R slots, the terminating reserve entry, -p/-S/-a padding) must still be zero, also when the
/// array lands on memory that held something else.
/// </summary>
public class DtbLayoutZeroTests
{
    private static DeviceTree LargeTree()
    {
        // large enough for the blob to live on the large-object heap, where freed memory is handed out uncleared
        var text = new System.Text.StringBuilder("/dts-v1/;\n/ {\n");
        for (var i = 0; i < 1500; i++) text.Append($"    n{i} {{ reg = <{i} 1 2 3>; label = \"node-{i}\"; }};\n");
        text.Append("};\n");
        return DtsParser.ParseText(text.ToString(), new DiagnosticBag()) ?? throw new InvalidOperationException("test source");
    }

    [Theory]
    [InlineData(17, 3, 0, 0, 0)]
    [InlineData(16, 0, 4096, 0, 0)]
    [InlineData(17, 1, 0, 200_000, 0)]
    [InlineData(2, 2, 0, 0, 65536)]
    [InlineData(3, 1, 0, 0, 0)] // a 36-byte header: 4 bytes of gap to the reserve map
    [InlineData(1, 0, 100, 0, 0)] // 28 bytes: the same gap
    public void Empty_parts_of_the_layout_are_zero_on_reused_memory(int version, int reserveSlots, int padding, int minimumSize, int alignment)
    {
        var tree = LargeTree();
        var options = new DtbWriteOptions { Version = version, ReserveSlots = reserveSlots, Padding = padding, MinimumSize = minimumSize, Alignment = alignment };
        // the same blob without padding tells where the strings block ends (version 2 does not record its size)
        var unpadded = DtbWriter.Write(tree, options with { Padding = 0, MinimumSize = 0, Alignment = 0 });
        var stringsSize = unpadded.Length - (int)Be32(unpadded, 12);
        for (var round = 0; round < 5; round++)
        {
            Dirty();
            var blob = DtbWriter.Write(tree, options);
            AssertEmptyPartsZero(blob, version, stringsSize);
        }
    }

    private static void Dirty()
    {
        // large arrays full of 0xAB, dropped and collected: their memory is what the next large array is given
        var junk = new List<byte[]>();
        for (var i = 0; i < 16; i++)
        {
            var a = new byte[300_000];
            Array.Fill(a, (byte)0xAB);
            junk.Add(a);
        }
        GC.KeepAlive(junk);
        junk.Clear();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
        // and the scratch pool, where the writer rents its head (header, gap, reserve entries) and blocks
        DirtyArrayPool.Fill();
    }

    private static uint Be32(byte[] b, int at) => System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));

    private static void AssertEmptyPartsZero(byte[] blob, int version, int stringsSize)
    {
        var total = (int)Be32(blob, 4);
        var structOffset = (int)Be32(blob, 8);
        var stringsOffset = (int)Be32(blob, 12);
        var reserveOffset = (int)Be32(blob, 16);
        Assert.Equal(blob.Length, total);
        var headerSize = version >= 17 ? 40 : version >= 3 ? 36 : version >= 2 ? 32 : 28;
        Assert.All(blob.AsSpan(headerSize, reserveOffset - headerSize).ToArray(), b => Assert.Equal(0, b));
        // the tree has no reserve entries: every slot up to the structure block is zero
        Assert.All(blob.AsSpan(reserveOffset, structOffset - reserveOffset).ToArray(), b => Assert.Equal(0, b));
        Assert.All(blob.AsSpan(stringsOffset + stringsSize).ToArray(), b => Assert.Equal(0, b)); // padding, if any
    }
}
