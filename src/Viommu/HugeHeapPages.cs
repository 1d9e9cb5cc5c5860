using System.Runtime.InteropServices;

namespace Viommu.Cli;

/// <summary>
/// Asks Linux to back the GC's allocation area with 2 MB pages. A short run touches most of what it allocates for
/// the first time, and each first touch of a 4 KB page is a page fault: on the virtual machines measured here about
/// 10 µs each, 400 of them in a DTB->DTS of k3-j721e-evm (more than a third of the run). With the area advised
/// (<c>MADV_HUGEPAGE</c>) and the 2 MB block the GC is allocating from made one page (<c>MADV_COLLAPSE</c>), the
/// same run has about 400 faults fewer. It costs at most a few MB of resident memory.
/// </summary>
/// <remarks>
/// Only where the no-collection region is on: it has the GC commit the space the run allocates in, so that the
/// advised mappings are read-write as whole 2 MB blocks (a block the GC commits in 64 KB steps cannot be one
/// page). The advice goes to the mappings that hold a new small and a new large object, as /proc/self/maps shows
/// them, and to nothing else. Every failure is ignored: the advice only changes how memory is mapped, never what a
/// run computes. <c>VIOMMU_HUGE_PAGES=0</c> turns it off.
/// </remarks>
public static class HugeHeapPages
{
    private const int MadvHugePage = 14;
    private const int MadvCollapse = 25;
    private const long Block = 2 << 20;
    // past this the GC places an array in its large-object area
    private const int LargeObjectBytes = 85_000;

    [DllImport("libc.so.6", EntryPoint = "madvise")]
    private static extern int Madvise(nint address, nuint length, int advice);

    /// <summary>Advises the mappings the GC now allocates small and large objects in.</summary>
    public static void Advise()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("VIOMMU_HUGE_PAGES") == "0") return;
        try
        {
            var small = AddressOf(new byte[16]);
            // uninitialised: the GC does not clear (touch) the probe's pages
            var large = AddressOf(GC.AllocateUninitializedArray<byte>(LargeObjectBytes));
            var maps = File.ReadAllBytes("/proc/self/maps");
            var smallMapping = MappingOf(maps, small);
            var largeMapping = MappingOf(maps, large);
            // the blocks allocations continue in already hold small pages (the probes' at least): made one large page each
            var smallAdvised = Advise(smallMapping);
            if (smallAdvised) Collapse(small);
            var largeAdvised = largeMapping is not null && (largeMapping == smallMapping ? smallAdvised : Advise(largeMapping));
            if (largeAdvised && (large & ~(Block - 1)) != (small & ~(Block - 1))) Collapse(large);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or IOException or UnauthorizedAccessException)
        {
            // not glibc, or no /proc: pages stay as they are
        }
    }

    private static bool Advise((long Start, long End)? mapping)
        => mapping is var (start, end) && Madvise((nint)start, (nuint)(end - start), MadvHugePage) == 0;

    private static void Collapse(long address) => Madvise((nint)(address & ~(Block - 1)), (nuint)Block, MadvCollapse);

    /// <summary>
    /// The anonymous read-write mapping holding <paramref name="address"/> in /proc/self/maps text (lines
    /// <c>start-end perms offset dev inode [path]</c>), or null.
    /// </summary>
    public static (long Start, long End)? MappingOf(ReadOnlySpan<byte> maps, long address)
    {
        while (!maps.IsEmpty)
        {
            var eol = maps.IndexOf((byte)'\n');
            var line = eol < 0 ? maps : maps[..eol];
            maps = eol < 0 ? default : maps[(eol + 1)..];
            var fields = new Fields(line);
            if (!fields.Hex(out var start, (byte)'-') || !fields.Hex(out var end, (byte)' ') || address < start || address >= end) continue;
            var perms = fields.Next();
            fields.Next(); // offset
            fields.Next(); // device
            var inode = fields.Next();
            var path = fields.Next();
            var anonymous = inode.SequenceEqual("0"u8) && path.IsEmpty;
            return perms.StartsWith("rw"u8) && anonymous ? (start, end) : null;
        }
        return null;
    }

    private ref struct Fields(ReadOnlySpan<byte> line)
    {
        private ReadOnlySpan<byte> _rest = line;

        public bool Hex(out long value, byte end)
        {
            value = 0;
            var i = 0;
            for (; i < _rest.Length && _rest[i] != end; i++)
            {
                var c = _rest[i];
                var digit = c is >= (byte)'0' and <= (byte)'9' ? c - '0' : c is >= (byte)'a' and <= (byte)'f' ? c - 'a' + 10 : 16;
                if (digit > 15 || value >> 59 != 0) return false;
                value = (value << 4) | (uint)digit;
            }
            if (i == 0 || i == _rest.Length) return false;
            _rest = _rest[(i + 1)..];
            return true;
        }

        public ReadOnlySpan<byte> Next()
        {
            _rest = _rest.TrimStart((byte)' ');
            var space = _rest.IndexOf((byte)' ');
            var field = space < 0 ? _rest : _rest[..space];
            _rest = space < 0 ? default : _rest[space..];
            return field;
        }
    }

    private static long AddressOf(byte[] array)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try
        {
            return handle.AddrOfPinnedObject();
        }
        finally
        {
            handle.Free();
        }
    }
}
