using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Tests;

/// <summary>Fills this thread's scratch arrays with 0xAB, for tests of writers that rent from the pool and must not
/// leave an uncleared byte in their output.</summary>
internal static class DirtyArrayPool
{
    public static void Fill()
    {
        // every array the thread keeps (a rent of 16 hands out any of them), then new ones of several sizes: the
        // writer under test, on the same thread, is handed these
        var arrays = new List<byte[]>();
        for (var i = 0; i < 8; i++) arrays.Add(ScratchPool<byte>.Rent(16));
        foreach (var size in new[] { 64, 1024, 4096, 65536, 200_000 }) arrays.Add(ScratchPool<byte>.Rent(size));
        foreach (var a in arrays)
        {
            Array.Fill(a, (byte)0xAB);
            ScratchPool<byte>.Return(a);
        }
    }
}
