using System.Buffers.Binary;

namespace Viommu.DtEngine.Dtb;

/// <summary>A growable big-endian byte buffer for building blob blocks.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = new byte[256];

    public int Length { get; private set; }

    private Span<byte> Reserve(int n)
    {
        if (Length + n > _data.Length)
        {
            var size = _data.Length * 2;
            while (size < Length + n) size *= 2;
            Array.Resize(ref _data, size);
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
