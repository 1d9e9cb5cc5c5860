namespace Viommu.DtEngine.Tests;

/// <summary>dtc's guess of a string, byte by byte: printable ASCII, NUL and \a to \r are string characters.</summary>
public class TypeGuessCharacterTests
{
    [Fact]
    public void Each_byte_value_is_a_string_character_exactly_when_dtc_says_so()
    {
        for (var b = 0; b < 256; b++)
        {
            var stringChar = (b >= 0x20 && b < 0x7f) || b == 0 || (b >= 7 && b <= 13);
            // "b\0" is a string when b is a string character (a lone NUL is not: more NULs than other bytes)
            var guessed = Viommu.DtEngine.Dts.TypeGuess.GuessType(new byte[] { (byte)b, (byte)'x', 0 });
            var expected = b == 0 ? Viommu.DtEngine.Model.MarkerType.TypeUint8
                : stringChar ? Viommu.DtEngine.Model.MarkerType.TypeString : Viommu.DtEngine.Model.MarkerType.TypeUint8;
            Assert.True(expected == guessed, $"byte 0x{b:x2}: {guessed}, expected {expected}");
        }
    }
}
