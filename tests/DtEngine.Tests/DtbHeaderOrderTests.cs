using System.Buffers.Binary;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A blob whose header is shorter than its version's fields: dtc checks the three block offsets first and only then
/// reads the version's sizes (past the blob). The reader refuses the short header where dtc would read past it, so a
/// blob with a bad offset too gets dtc's message (found by a differential fuzz run against dtc 1.8.1).
/// </summary>
public class DtbHeaderOrderTests
{
    private static byte[] Header(uint totalSize, uint offStruct, uint offStrings, uint offReserve, uint version)
    {
        var blob = new byte[64];
        uint[] fields = [Fdt.Magic, totalSize, offStruct, offStrings, offReserve, version, 16, 0];
        for (var i = 0; i < fields.Length; i++) BinaryPrimitives.WriteUInt32BigEndian(blob.AsSpan(i * 4), fields[i]);
        return blob;
    }

    private static string Fatal(byte[] blob)
    {
        var bag = new DiagnosticBag();
        Assert.Null(DtbReader.Read(blob, bag, "b.dtb"));
        return Assert.Single(bag.Items).Message;
    }

    [Theory]
    [InlineData(17u)]
    [InlineData(0x0a000100u)]
    public void A_bad_structure_offset_is_reported_before_the_short_header(uint version)
        => Assert.Equal("DT structure offset exceeds total size", Fatal(Header(32, 40, 28, 28, version)));

    [Fact]
    public void A_bad_reserve_offset_is_reported_before_the_short_header()
        => Assert.Equal("Mem Reserve structure offset exceeds total size", Fatal(Header(32, 28, 28, 32, 17)));

    [Theory]
    [InlineData(3u, 36)]
    [InlineData(17u, 40)]
    public void With_good_offsets_the_short_header_is_refused(uint version, int headerSize)
        => Assert.Equal($"DT blob size (32) is too small for a version {version} header ({headerSize} bytes)", Fatal(Header(32, 28, 28, 28, version)));

    [Theory]
    [InlineData(0x80000000u)]
    [InlineData(0x80000007u)]
    public void A_total_size_past_the_file_is_printed_as_dtc_prints_it_with_percent_d(uint totalSize)
        => Assert.Equal($"EOF before reading {(int)totalSize} bytes of DT blob", Fatal(Header(totalSize, 40, 40, 40, 17)));

    /// <summary>dtc 1.8.1 on this machine and on the differential fuzzer's: what is left to read (the size less 8) is a
    /// negative int from 2 GB + 8 on, which fread takes as a size_t past the address space (EFAULT).</summary>
    [Theory]
    [InlineData(0x80000008u)]
    [InlineData(0xffffffffu)]
    public void A_total_size_whose_rest_is_a_negative_int_fails_the_read_as_dtc_does(uint totalSize)
        => Assert.Equal("Error reading DT blob: Bad address", Fatal(Header(totalSize, 40, 40, 40, 17)));
}
