using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Viommu.DtEngine.IO;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// Builds a blob's structure block in one pooled array of a size known to be enough (the writer's bound), so that
/// no write checks for room: a board of 120 KB is about 40,000 cells and value copies. <see cref="Dispose"/>
/// returns the array to the pool, for a library user writing blob after blob.
/// </summary>
internal sealed class StructBlockWriter : IDisposable
{
    private byte[] _data;

    public StructBlockWriter(int capacity) => _data = ScratchPool<byte>.Rent(Math.Max(capacity, 16));

    public int Length { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Cell(uint v)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_data.AsSpan(Length, 4), v);
        Length += 4;
    }

    public void Bytes(ReadOnlySpan<byte> b)
    {
        b.CopyTo(_data.AsSpan(Length, b.Length));
        Length += b.Length;
    }

    /// <summary>The first <paramref name="count"/> characters of a name (Latin-1) and a NUL.</summary>
    public void CString(string s, int count)
    {
        var span = _data.AsSpan(Length, count + 1);
        for (var i = 0; i < count; i++) span[i] = (byte)s[i];
        span[count] = 0;
        Length += count + 1;
    }

    /// <summary>Zero bytes up to the next multiple of <paramref name="alignment"/> (a power of two).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AlignTo(int alignment)
    {
        var target = (Length + alignment - 1) & ~(alignment - 1);
        while (Length < target) _data[Length++] = 0;
    }

    /// <summary>The block written so far.</summary>
    public ReadOnlySpan<byte> Written => _data.AsSpan(0, Length);

    public void Dispose()
    {
        ScratchPool<byte>.Return(_data);
        _data = [];
    }
}
