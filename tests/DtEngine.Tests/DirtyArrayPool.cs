namespace Viommu.DtEngine.Tests;

/// <summary>Fills the shared array pool's buffers with 0xAB, for tests of writers that rent from it and must not
/// leave an uncleared byte in their output.</summary>
internal static class DirtyArrayPool
{
    public static void Fill()
    {
        // rented and given back on this thread: the writer under test, on the same thread, is handed these arrays
        foreach (var size in new[] { 16, 64, 256, 1024, 4096, 65536, 200_000 })
        {
            var pooled = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
            Array.Fill(pooled, (byte)0xAB);
            System.Buffers.ArrayPool<byte>.Shared.Return(pooled);
        }
    }
}
