using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// The writers' stream forms (for programs that write tree after tree without an array per output) give the bytes of
/// their array forms, for every layout option and on pooled memory that held other data.
/// </summary>
public class StreamWriterTests
{
    private static DeviceTree Board(string name)
        => DtbReader.Read(File.ReadAllBytes(Path.Combine(TestPaths.Boards, name)), new DiagnosticBag())
           ?? throw new InvalidOperationException(name);

    private static byte[] ToStream(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        stream.Write(new byte[] { 0xAB, 0xCD }); // written after what is there: the writers do not rewind
        write(stream);
        return stream.ToArray()[2..];
    }

    [Theory]
    [InlineData(17, 0, 0, 0, 0)]
    [InlineData(17, 3, 0, 0, 0)]
    [InlineData(16, 0, 1000, 0, 0)]
    [InlineData(17, 1, 0, 200_000, 0)]
    [InlineData(17, 0, 0, 100, 0)] // -S below the size: a warning in both forms
    [InlineData(3, 2, 0, 0, 4096)]
    [InlineData(2, 0, 0, 0, 0)]
    [InlineData(1, 5, 7, 0, 0)]
    public void A_blob_written_to_a_stream_is_the_blob_written_to_an_array(int version, int reserveSlots, int padding, int minimumSize, int alignment)
    {
        var options = new DtbWriteOptions { Version = version, ReserveSlots = reserveSlots, Padding = padding, MinimumSize = minimumSize, Alignment = alignment };
        foreach (var board in new[] { "k3-j721e-evm.dtb", "juno-r1.dtb" })
        {
            var tree = Board(board);
            var arrayWarnings = new DiagnosticBag();
            var expected = DtbWriter.Write(tree, options, arrayWarnings);
            DirtyArrayPool.Fill();
            var streamWarnings = new DiagnosticBag();
            var actual = ToStream(s => DtbWriter.Write(tree, s, options, streamWarnings));
            Assert.Equal(expected.Length, actual.Length);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{board}: the stream's bytes differ");
            Assert.Equal(arrayWarnings.Items.Select(d => d.ToString()), streamWarnings.Items.Select(d => d.ToString()));
            Assert.Equal(minimumSize is > 0 and < 1000, streamWarnings.Count > 0);
        }
    }

    [Fact]
    public void A_blob_read_back_from_a_stream_is_the_board()
    {
        var original = File.ReadAllBytes(Path.Combine(TestPaths.Boards, "rk3588-rock-5b.dtb"));
        var written = ToStream(s => DtbWriter.Write(DtbReader.Read(original, new DiagnosticBag())!, s));
        Assert.Equal(original, written);
    }

    [Theory]
    [InlineData("k3-j721e-evm.dtb")]
    [InlineData("fvp-base-revc.dtb")]
    public void Dts_written_to_a_stream_is_the_text_written_to_an_array(string board)
    {
        var fromBlob = Board(board);
        // from the blob (values guessed) and from its DTS (labels and references from markers)
        var fromSource = DtsParser.ParseBytes(DtsWriter.WriteBytes(fromBlob), new DiagnosticBag(), "board.dts")!;
        foreach (var tree in new[] { fromBlob, fromSource })
        {
            var expected = DtsWriter.WriteBytes(tree);
            DirtyArrayPool.Fill();
            Assert.Equal(expected, ToStream(s => DtsWriter.Write(tree, s)));
            Assert.Equal(System.Text.Encoding.Latin1.GetBytes(DtsWriter.Write(tree)), expected);
        }
    }

    [Fact]
    public void A_blob_larger_than_an_array_is_refused_before_anything_is_written()
    {
        var tree = Board("juno-r1.dtb");
        foreach (var options in new[] { new DtbWriteOptions { ReserveSlots = 200_000_000 }, new DtbWriteOptions { Padding = int.MaxValue - 100 } })
        {
            using var stream = new MemoryStream();
            var fatal = Assert.Throws<DtFatalException>(() => DtbWriter.Write(tree, stream, options));
            Assert.Matches("^Blob of [0-9]+ bytes is too large", fatal.Message);
            Assert.Equal(0, stream.Length);
            Assert.Throws<DtFatalException>(() => DtbWriter.Write(tree, options));
        }
    }
}
