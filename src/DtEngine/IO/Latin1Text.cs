namespace Viommu.DtEngine.IO;

/// <summary>Comparisons between Latin-1 bytes and strings made from them, without decoding the bytes.</summary>
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
}
