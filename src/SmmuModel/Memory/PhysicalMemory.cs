using System.Buffers.Binary;

namespace Viommu.SmmuModel.Memory;

/// <summary>
/// Sparse simulated physical memory: little-endian, zero where nothing was written, with regions that
/// answer every read with an external abort (as a bus would for a hole or a faulty device).
/// </summary>
public sealed class PhysicalMemory
{
    private const int PageShift = 12;
    private const int PageSize = 1 << PageShift;
    private const ulong PageOffsetMask = PageSize - 1;

    private readonly Dictionary<ulong, byte[]> _pages = new();
    private readonly List<(ulong Start, ulong End)> _abortRegions = new();

    // One-entry cache: table walks read the same page several times in a row.
    private ulong _cachedPageNumber = ulong.MaxValue;
    private byte[]? _cachedPage;

    /// <summary>Number of 4 KB pages that hold written data.</summary>
    public int PopulatedPages => _pages.Count;

    /// <summary>Marks [start, start+size) as a region whose reads fail with an external abort.</summary>
    public void AddAbortRegion(ulong start, ulong size)
    {
        if (size == 0) return;
        var end = start + size - 1;
        if (end < start) end = ulong.MaxValue;
        _abortRegions.Add((start, end));
    }

    /// <summary>True when any byte of [address, address+length) lies in an external-abort region.</summary>
    public bool IsAbort(ulong address, int length)
    {
        if (_abortRegions.Count == 0) return false;
        var last = address + (ulong)(length - 1);
        if (last < address) last = ulong.MaxValue;
        foreach (var (start, end) in _abortRegions)
            if (address <= end && last >= start) return true;
        return false;
    }

    /// <summary>Reads a little-endian 64-bit word; false when the read hits an external-abort region.</summary>
    public bool TryRead64(ulong address, out ulong value)
    {
        if (_abortRegions.Count != 0 && IsAbort(address, 8))
        {
            value = 0;
            return false;
        }
        var offset = (int)(address & PageOffsetMask);
        if (offset <= PageSize - 8)
        {
            var page = FindPage(address >> PageShift);
            value = page is null ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(page.AsSpan(offset, 8));
            return true;
        }
        Span<byte> bytes = stackalloc byte[8];
        Read(address, bytes);
        value = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        return true;
    }

    /// <summary>Reads a 64-bit word, treating abort regions as zero (for tools that inspect memory).</summary>
    public ulong Read64(ulong address) => TryRead64(address, out var v) ? v : 0;

    /// <summary>Copies bytes out of memory (abort regions are not checked).</summary>
    public void Read(ulong address, Span<byte> destination)
    {
        var done = 0;
        while (done < destination.Length)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & PageOffsetMask);
            var chunk = Math.Min(PageSize - offset, destination.Length - done);
            var page = FindPage(a >> PageShift);
            if (page is null) destination.Slice(done, chunk).Clear();
            else page.AsSpan(offset, chunk).CopyTo(destination.Slice(done, chunk));
            done += chunk;
        }
    }

    /// <summary>Writes a little-endian 64-bit word.</summary>
    public void Write64(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        Write(address, bytes);
    }

    /// <summary>Writes a little-endian 32-bit word.</summary>
    public void Write32(ulong address, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Write(address, bytes);
    }

    /// <summary>Writes consecutive 64-bit words starting at <paramref name="address"/>.</summary>
    public void Write64(ulong address, ReadOnlySpan<ulong> words)
    {
        for (var i = 0; i < words.Length; i++) Write64(address + (ulong)(8 * i), words[i]);
    }

    /// <summary>Copies bytes into memory.</summary>
    public void Write(ulong address, ReadOnlySpan<byte> source)
    {
        var done = 0;
        while (done < source.Length)
        {
            var a = address + (ulong)done;
            var offset = (int)(a & PageOffsetMask);
            var chunk = Math.Min(PageSize - offset, source.Length - done);
            source.Slice(done, chunk).CopyTo(GetOrCreatePage(a >> PageShift).AsSpan(offset, chunk));
            done += chunk;
        }
    }

    private byte[]? FindPage(ulong pageNumber)
    {
        if (pageNumber == _cachedPageNumber) return _cachedPage;
        _pages.TryGetValue(pageNumber, out var page);
        _cachedPageNumber = pageNumber;
        _cachedPage = page;
        return page;
    }

    private byte[] GetOrCreatePage(ulong pageNumber)
    {
        if (!_pages.TryGetValue(pageNumber, out var page))
        {
            page = new byte[PageSize];
            _pages.Add(pageNumber, page);
            if (pageNumber == _cachedPageNumber) _cachedPage = page;
        }
        return page;
    }
}
