using System.Runtime.CompilerServices;
using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Tests;

/// <summary>The writers' per-thread scratch arrays: large enough, handed out again on the thread that gave them
/// back (the smallest that fits), none kept twice, none past the size limit (4 MB), and references cleared when asked.
/// Each test runs on a thread of its own so that it starts from an empty pool.</summary>
public class ScratchPoolTests
{
    private static void OnNewThread(Action test)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { test(); }
            catch (Exception e) { failure = e; }
        });
        thread.Start();
        thread.Join();
        if (failure is not null) throw new Xunit.Sdk.XunitException(failure.ToString());
    }

    [Theory]
    [InlineData(0, 16)]
    [InlineData(1, 16)]
    [InlineData(16, 16)]
    [InlineData(17, 32)]
    [InlineData(1000, 1024)]
    [InlineData(65537, 131072)]
    public void A_new_array_is_the_next_power_of_two_from_16(int asked, int made) =>
        OnNewThread(() => Assert.Equal(made, ScratchPool<byte>.Rent(asked).Length));

    [Fact]
    public void An_array_given_back_is_lent_again_on_its_thread_and_not_on_another() => OnNewThread(() =>
    {
        var a = ScratchPool<int>.Rent(100);
        a[5] = 42;
        ScratchPool<int>.Return(a);
        byte[]? other = null;
        int[]? onOther = null;
        var t = new Thread(() => { onOther = ScratchPool<int>.Rent(100); other = ScratchPool<byte>.Rent(1); });
        t.Start();
        t.Join();
        Assert.NotSame(a, onOther);
        var again = ScratchPool<int>.Rent(128);
        Assert.Same(a, again);
        Assert.Equal(42, again[5]); // not cleared: the callers clear what they read
        Assert.NotSame(a, ScratchPool<int>.Rent(100)); // lent once, not twice
    });

    [Fact]
    public void The_smallest_array_that_fits_is_lent_and_a_too_small_one_is_not() => OnNewThread(() =>
    {
        var small = ScratchPool<byte>.Rent(64);
        var middle = ScratchPool<byte>.Rent(1024);
        var large = ScratchPool<byte>.Rent(65536);
        foreach (var a in new[] { large, small, middle }) ScratchPool<byte>.Return(a);
        Assert.Same(middle, ScratchPool<byte>.Rent(100));
        Assert.Same(large, ScratchPool<byte>.Rent(2000));
        Assert.Equal(262144, ScratchPool<byte>.Rent(200_000).Length); // none fits: a new one
        Assert.Same(small, ScratchPool<byte>.Rent(1));
    });

    [Fact]
    public void A_full_pool_keeps_the_larger_arrays() => OnNewThread(() =>
    {
        // arrays compared by reference: xunit compares arrays' elements
        static void SameArrays(IEnumerable<long[]> expected, IEnumerable<long[]> actual) =>
            Assert.Equal(expected.Select(RuntimeHelpers.GetHashCode), actual.Select(RuntimeHelpers.GetHashCode));
        var arrays = Enumerable.Range(0, 9).Select(i => ScratchPool<long>.Rent(16 << i)).ToArray();
        foreach (var a in arrays) ScratchPool<long>.Return(a); // nine arrays, eight places: the smallest goes
        var lent = Enumerable.Range(0, 8).Select(_ => ScratchPool<long>.Rent(1)).ToArray();
        SameArrays(arrays.Skip(1), lent);
        var made = ScratchPool<long>.Rent(1); // the pool is empty again
        Assert.DoesNotContain(arrays, a => ReferenceEquals(a, made));
        // and a smaller array does not push out a larger one
        foreach (var a in lent) ScratchPool<long>.Return(a);
        ScratchPool<long>.Return(arrays[0]);
        SameArrays(arrays.Skip(1), Enumerable.Range(0, 8).Select(_ => ScratchPool<long>.Rent(1)));
    });

    [Fact]
    public void An_array_past_4_MB_is_not_kept() => OnNewThread(() =>
    {
        var huge = ScratchPool<int>.Rent((4 << 20) / sizeof(int) + 1);
        ScratchPool<int>.Return(huge);
        Assert.NotSame(huge, ScratchPool<int>.Rent(16));
        var limit = ScratchPool<int>.Rent((4 << 20) / sizeof(int));
        ScratchPool<int>.Return(limit);
        Assert.Same(limit, ScratchPool<int>.Rent(16));
    });

    [Fact]
    public void A_reference_array_given_back_cleared_holds_no_object() => OnNewThread(() =>
    {
        var names = ScratchPool<string?>.Rent(32);
        Array.Fill(names, "reg");
        ScratchPool<string?>.Return(names, clear: true);
        Assert.All(ScratchPool<string?>.Rent(32), Assert.Null);
    });
}
