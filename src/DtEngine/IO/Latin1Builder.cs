using System.Text;

namespace Viommu.DtEngine.IO;

/// <summary>
/// A growable Latin-1 text buffer with the appends of <see cref="StringBuilder"/>, for output that ends as bytes:
/// one byte per character, no UTF-16 copy and no second encoding pass. A character above U+00FF is written as
/// <see cref="Encoding.Latin1"/> writes it (its fallback), so the bytes are those of encoding the whole text at once.
/// </summary>
/// <remarks>
/// The buffer is rented from <see cref="ScratchPool{T}"/> and given back by <see cref="Dispose"/>: a board's DTS is
/// 150 KB, and buffers of that size are large objects, whose allocation every few writes set off a full
/// collection (two of them per write, 214 full collections in 1,000 writes of one board).
/// </remarks>
internal sealed class Latin1Builder : IDisposable
{
    private byte[] _buffer;
    private int _length;

    public Latin1Builder(int capacity) => _buffer = ScratchPool<byte>.Rent(Math.Max(capacity, 16));

    public void Dispose()
    {
        ScratchPool<byte>.Return(_buffer);
        _buffer = [];
        _length = 0;
    }

    public int Length => _length;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public Latin1Builder Append(char c)
    {
        if (c > '\u00ff') return Append(new ReadOnlySpan<char>(in c));
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = (byte)c;
        return this;
    }

    public Latin1Builder Append(char c, int repeat)
    {
        if (c > '\u00ff' || repeat <= 0)
        {
            for (var i = 0; i < repeat; i++) Append(c);
            return this;
        }
        EnsureRoom(repeat);
        _buffer.AsSpan(_length, repeat).Fill((byte)c);
        _length += repeat;
        return this;
    }

    /// <summary>Appends bytes that are already Latin-1 text.</summary>
    public Latin1Builder Append(ReadOnlySpan<byte> latin1)
    {
        EnsureRoom(latin1.Length);
        latin1.CopyTo(_buffer.AsSpan(_length));
        _length += latin1.Length;
        return this;
    }

    /// <summary>printf's <c>%02x</c> (lower-case hex, at least two digits), written in place, after "0x" when asked.</summary>
    public Latin1Builder AppendHex(ulong value, bool prefix = false)
    {
        var digits = value == 0 ? 1 : (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 3) / 4;
        if (digits < 2) digits = 2;
        EnsureRoom(digits + 2);
        if (prefix)
        {
            _buffer[_length++] = (byte)'0';
            _buffer[_length++] = (byte)'x';
        }
        var end = _length + digits;
        for (var i = end - 1; i >= _length; i--)
        {
            _buffer[i] = (byte)"0123456789abcdef"[(int)(value & 0xf)];
            value >>= 4;
        }
        _length = end;
        return this;
    }

    public Latin1Builder Append(string? text) => Append(text.AsSpan());

    public Latin1Builder Append(ReadOnlySpan<char> text)
    {
        EnsureRoom(text.Length);
        if (text.Length <= 32)
        {
            // most appends are a few characters (indents, names, " = "): the encoder's set-up costs more than a copy
            var destination = _buffer.AsSpan(_length, text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c > '\u00ff') goto encode;
                destination[i] = (byte)c;
            }
            _length += text.Length;
            return this;
        }
    encode:
        _length += Encoding.Latin1.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => Bytes.ToArray();

    public override string ToString() => Encoding.Latin1.GetString(Bytes);

    private void EnsureRoom(int count)
    {
        if (_buffer.Length - _length < count) Grow(count);
    }

    private void Grow(int count)
    {
        var size = Math.Max(_buffer.Length * 2L, (long)_length + count);
        if (size > Array.MaxLength) throw new OutOfMemoryException("DTS text larger than an array can hold");
        var larger = ScratchPool<byte>.Rent((int)size);
        Bytes.CopyTo(larger);
        ScratchPool<byte>.Return(_buffer);
        _buffer = larger;
    }
}
