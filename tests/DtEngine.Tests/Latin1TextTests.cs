using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Tests;

/// <summary>Source bytes against strings made from them (a node's compatible strings against a wanted one): equal
/// when each byte is its char, over all of Latin-1.</summary>
public class Latin1TextTests
{
    [Theory]
    [InlineData(new byte[] { 0x72, 0x65, 0x67 }, "reg", true)]
    [InlineData(new byte[] { 0x72, 0x65, 0x67 }, "ref", false)]
    [InlineData(new byte[] { 0x72, 0x65 }, "reg", false)]
    [InlineData(new byte[] { }, "", true)]
    [InlineData(new byte[] { 0x61, 0xE9 }, "a\u00e9", true)]
    [InlineData(new byte[] { 0x61, 0xE9 }, "a\u00e8", false)]
    [InlineData(new byte[] { 0x61, 0x29 }, "a\u0129", false)]
    [InlineData(new byte[] { 0x61, 0xE9 }, "ae", false)]
    [InlineData(new byte[] { 0x61, 0x65 }, "a\u00e9", false)]
    public void Bytes_are_the_same_as_a_string_when_each_is_its_char(byte[] bytes, string text, bool same)
        => Assert.Equal(same, Latin1Text.Same(bytes, text));

    [Fact]
    public void Long_names_are_compared_to_their_last_byte()
    {
        var name = new string('a', 70) + "b";
        var bytes = System.Text.Encoding.Latin1.GetBytes(name);
        Assert.True(Latin1Text.Same(bytes, name));
        bytes[^1] = (byte)'c';
        Assert.False(Latin1Text.Same(bytes, name));
    }
}
