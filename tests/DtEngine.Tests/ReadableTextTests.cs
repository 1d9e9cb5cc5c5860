using Viommu.DtEngine.Diagnostics;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// Message text is bytes, one char each; <see cref="Diagnostic.ReadableText"/> gives a reader the characters those
/// bytes spell when they are UTF-8, and leaves anything else as it is.
/// </summary>
public class ReadableTextTests
{
    [Theory]
    [InlineData("plain ASCII: /n@1", "plain ASCII: /n@1")]
    [InlineData("jos\u00c3\u00a9/a.dts:2.9-13: Warning", "josé/a.dts:2.9-13: Warning")] // a file name's UTF-8 bytes
    [InlineData("/n\u0080@1: Bad character '\u0080'", "/n\u0080@1: Bad character '\u0080'")] // a stray byte: not UTF-8
    [InlineData("caf\u00e9", "caf\u00e9")] // a lone 0xe9 is not UTF-8: already a reader's text
    [InlineData("\u00c3\u00a9 and \u0153", "\u00c3\u00a9 and \u0153")] // a char past 0xff: not message text
    [InlineData("", "")]
    public void Gives_the_characters_a_message_spells(string message, string readable)
        => Assert.Equal(readable, Diagnostic.ReadableText(message));
}
