namespace Viommu.SmmuModel.Builders;

/// <summary>Hands out aligned, non-overlapping blocks from one address window, lowest first.</summary>
public sealed class MemoryAllocator
{
    private ulong _next;

    public MemoryAllocator(ulong start, ulong end)
    {
        if (end <= start) throw new ArgumentException("the window is empty", nameof(end));
        Start = start;
        End = end;
        _next = start;
    }

    public ulong Start { get; }
    public ulong End { get; }

    /// <summary>Bytes handed out so far, alignment padding included.</summary>
    public ulong Used => _next - Start;

    /// <summary>A block of <paramref name="size"/> bytes aligned to <paramref name="alignment"/> (a power of two).</summary>
    public ulong Allocate(ulong size, ulong alignment)
    {
        if (alignment == 0 || (alignment & (alignment - 1)) != 0)
            throw new ArgumentException("alignment must be a power of two", nameof(alignment));
        var address = (_next + alignment - 1) & ~(alignment - 1);
        if (address < _next || address + size < address || address + size > End)
            throw new InvalidOperationException($"allocator window 0x{Start:x}-0x{End:x} is full");
        _next = address + size;
        return address;
    }
}
