using System.Buffers.Binary;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// A growable big-endian byte buffer for building blob blocks. Its array comes from the shared pool and goes back
/// on <see cref="Dispose"/>: a library user writing blob after blob reuses one instead of a new large object each.
/// </summary>
internal sealed class ByteBuffer : IDisposable
{
    private byte[] _data;

    public ByteBuffer(int capacity = 256) => _data = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 16));

    public void Dispose()
    {
        System.Buffers.ArrayPool<byte>.Shared.Return(_data);
        _data = [];
    }

    public int Length { get; private set; }

    private Span<byte> Reserve(int n)
    {
        if (Length + n > _data.Length)
        {
            var size = _data.Length * 2;
            while (size < Length + n) size *= 2;
            var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(size);
            _data.AsSpan(0, Length).CopyTo(larger);
            System.Buffers.ArrayPool<byte>.Shared.Return(_data);
            _data = larger;
        }
        var span = _data.AsSpan(Length, n);
        Length += n;
        return span;
    }

    public void Cell(uint v) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), v);

    public void U64(ulong v) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), v);

    public void Bytes(ReadOnlySpan<byte> b) => b.CopyTo(Reserve(b.Length));

    public void CString(string s)
    {
        var span = Reserve(s.Length + 1);
        for (var i = 0; i < s.Length; i++) span[i] = (byte)s[i];
        span[s.Length] = 0;
    }

    public void AlignTo(int a)
    {
        var target = (Length + a - 1) & ~(a - 1);
        Reserve(target - Length).Clear();
    }

    public void CopyTo(Span<byte> destination) => _data.AsSpan(0, Length).CopyTo(destination);
}
