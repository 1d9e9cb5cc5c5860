using System.Numerics;
using System.Runtime.CompilerServices;

namespace Viommu.DtEngine.IO;

/// <summary>
/// Scratch arrays lent and given back on one thread: the blob writer's blocks, its string index, the DTS writer's
/// text and the blob reader's name cache. A thread keeps a few arrays of each element type for its next use, so a
/// program writing tree after tree makes them once, as it would with the shared array pool.
/// </summary>
/// <remarks>
/// Not <see cref="System.Buffers.ArrayPool{T}.Shared"/>: once a thread gives it back a second array of a size class,
/// the pool moves one to a stack per processor, and its first use of those runs a calibration of how fast the
/// processor number can be read, about 0.1 ms: 3 % of a one-shot <c>viommu dtc</c> run on a small tree (perf,
/// 200 runs of an empty DTS->DTB). A lent array is not cleared: what it held before is still there.
/// </remarks>
internal static class ScratchPool<T>
{
    private const int KeptPerThread = 8;
    // a thread does not hold on to more than this per array (a board's blob or text is a few hundred KB)
    private const long LargestKeptBytes = 4L << 20;

    [ThreadStatic] private static T[]?[]? t_kept;

    /// <summary>An array of at least <paramref name="minimumLength"/> elements (a power of two, at least 16, when
    /// made), holding whatever it held before.</summary>
    public static T[] Rent(int minimumLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimumLength);
        if (t_kept is { } kept)
        {
            // the smallest kept array that is large enough, so that a large one stays for a large request
            var best = -1;
            for (var i = 0; i < kept.Length; i++)
            {
                if (kept[i] is { } a && a.Length >= minimumLength && (best < 0 || a.Length < kept[best]!.Length)) best = i;
            }
            if (best >= 0)
            {
                var found = kept[best]!;
                kept[best] = null;
                return found;
            }
        }
        var length = minimumLength <= 16 ? 16 : minimumLength > 1 << 30 ? minimumLength : (int)BitOperations.RoundUpToPowerOf2((uint)minimumLength);
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>Gives an array back for this thread's next <see cref="Rent"/>. An array that holds references should
    /// be cleared first (<paramref name="clear"/>, or by the caller over the part it used), so that the pool keeps
    /// no object alive.</summary>
    public static void Return(T[] array, bool clear = false)
    {
        if (array.Length == 0 || (long)array.Length * Unsafe.SizeOf<T>() > LargestKeptBytes) return;
        if (clear) Array.Clear(array);
        var kept = t_kept ??= new T[]?[KeptPerThread];
        // an empty place, or else the place of the smallest kept array when this one is larger
        var place = -1;
        for (var i = 0; i < kept.Length; i++)
        {
            if (kept[i] is not { } a) { place = i; break; }
            if (a.Length < array.Length && (place < 0 || a.Length < kept[place]!.Length)) place = i;
        }
        if (place >= 0) kept[place] = array;
    }
}
