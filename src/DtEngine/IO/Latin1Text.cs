namespace Viommu.DtEngine.IO;

/// <summary>Latin-1 bytes (one char per byte) and the strings made from them: comparisons without decoding, and C
/// strings as dtc and libfdt read them.</summary>
internal static class Latin1Text
{
    /// <summary>True when <paramref name="bytes"/> are the Latin-1 spelling of <paramref name="text"/>.</summary>
    public static bool Same(ReadOnlySpan<byte> bytes, string text)
    {
        if (bytes.Length != text.Length) return false;
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] != text[i]) return false;
        return true;
    }

    /// <summary>The bytes up to the first NUL (all of them when there is none) as a string: how C reads a string.</summary>
    public static string CString(ReadOnlySpan<byte> bytes)
    {
        var nul = bytes.IndexOf((byte)0);
        return System.Text.Encoding.Latin1.GetString(nul < 0 ? bytes : bytes[..nul]);
    }

    /// <summary>True when the bytes are one NUL-terminated string with no NUL inside.</summary>
    public static bool IsOneCString(ReadOnlySpan<byte> bytes)
        => bytes.Length > 0 && bytes[^1] == 0 && bytes[..^1].IndexOf((byte)0) < 0;
}
