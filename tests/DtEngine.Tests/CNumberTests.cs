using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Tests;

/// <summary>CNumber against C: every row is what glibc 2.36's strtol and strtoul gave for the same text and base
/// (value and end offset; a Latin-1 0xa0 byte stood where the row has U+00A0).</summary>
public class CNumberTests
{
    [Theory]
    [InlineData("0x", 0, 0L, 1, 0UL, 1)]
    [InlineData("0x", 10, 0L, 1, 0UL, 1)]
    [InlineData("0x", 16, 0L, 1, 0UL, 1)]
    [InlineData("0x1g", 0, 1L, 3, 1UL, 3)]
    [InlineData("0x1g", 10, 0L, 1, 0UL, 1)]
    [InlineData("0x1g", 16, 1L, 3, 1UL, 3)]
    [InlineData(" -0x10", 0, -16L, 6, 18446744073709551600UL, 6)]
    [InlineData(" -0x10", 10, 0L, 3, 0UL, 3)]
    [InlineData(" -0x10", 16, -16L, 6, 18446744073709551600UL, 6)]
    [InlineData("010", 0, 8L, 3, 8UL, 3)]
    [InlineData("010", 10, 10L, 3, 10UL, 3)]
    [InlineData("010", 16, 16L, 3, 16UL, 3)]
    [InlineData("08", 0, 0L, 1, 0UL, 1)]
    [InlineData("08", 10, 8L, 2, 8UL, 2)]
    [InlineData("08", 16, 8L, 2, 8UL, 2)]
    [InlineData("+5", 0, 5L, 2, 5UL, 2)]
    [InlineData("+5", 10, 5L, 2, 5UL, 2)]
    [InlineData("+5", 16, 5L, 2, 5UL, 2)]
    [InlineData("-", 0, 0L, 0, 0UL, 0)]
    [InlineData("-", 10, 0L, 0, 0UL, 0)]
    [InlineData("-", 16, 0L, 0, 0UL, 0)]
    [InlineData("99999999999999999999", 0, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("99999999999999999999", 10, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("99999999999999999999", 16, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("-99999999999999999999", 0, -9223372036854775808L, 21, 18446744073709551615UL, 21)]
    [InlineData("-99999999999999999999", 10, -9223372036854775808L, 21, 18446744073709551615UL, 21)]
    [InlineData("-99999999999999999999", 16, -9223372036854775808L, 21, 18446744073709551615UL, 21)]
    [InlineData("9223372036854775808", 0, 9223372036854775807L, 19, 9223372036854775808UL, 19)]
    [InlineData("9223372036854775808", 10, 9223372036854775807L, 19, 9223372036854775808UL, 19)]
    [InlineData("9223372036854775808", 16, 9223372036854775807L, 19, 18446744073709551615UL, 19)]
    [InlineData("-9223372036854775808", 0, -9223372036854775808L, 20, 9223372036854775808UL, 20)]
    [InlineData("-9223372036854775808", 10, -9223372036854775808L, 20, 9223372036854775808UL, 20)]
    [InlineData("-9223372036854775808", 16, -9223372036854775808L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551615", 0, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551615", 10, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551615", 16, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551616", 0, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551616", 10, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("18446744073709551616", 16, 9223372036854775807L, 20, 18446744073709551615UL, 20)]
    [InlineData("\v7", 0, 7L, 2, 7UL, 2)]
    [InlineData("\v7", 10, 7L, 2, 7UL, 2)]
    [InlineData("\v7", 16, 7L, 2, 7UL, 2)]
    [InlineData("\u00a07", 0, 0L, 0, 0UL, 0)]
    [InlineData("\u00a07", 10, 0L, 0, 0UL, 0)]
    [InlineData("\u00a07", 16, 0L, 0, 0UL, 0)]
    [InlineData("12abc", 0, 12L, 2, 12UL, 2)]
    [InlineData("12abc", 10, 12L, 2, 12UL, 2)]
    [InlineData("12abc", 16, 76476L, 5, 76476UL, 5)]
    [InlineData("-1", 0, -1L, 2, 18446744073709551615UL, 2)]
    [InlineData("-1", 10, -1L, 2, 18446744073709551615UL, 2)]
    [InlineData("-1", 16, -1L, 2, 18446744073709551615UL, 2)]
    [InlineData("", 0, 0L, 0, 0UL, 0)]
    [InlineData("", 10, 0L, 0, 0UL, 0)]
    [InlineData("", 16, 0L, 0, 0UL, 0)]
    public void Reads_as_strtol_and_strtoul_do(string text, int radix, long signedValue, int signedEnd, ulong unsignedValue, int unsignedEnd)
    {
        Assert.Equal(signedValue, CNumber.Strtol(text, radix, out var end));
        Assert.Equal(signedEnd, end);
        Assert.Equal(unsignedValue, CNumber.Strtoul(text, radix, out end));
        Assert.Equal(unsignedEnd, end);
    }
}
