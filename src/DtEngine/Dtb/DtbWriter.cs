using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dtb;

/// <summary>Writes a tree as a flattened device tree blob, byte for byte as dtc's flattree.c does.</summary>
public static class DtbWriter
{
    /// <summary>
    /// Serialises the tree. Warnings (e.g. a blob larger than -S) go to <paramref name="diagnostics"/>; a blob larger
    /// than an array can hold (options asking for gigabytes of reserve slots or padding) is a
    /// <see cref="DtFatalException"/>.
    /// </summary>
    public static byte[] Write(DeviceTree tree, DtbWriteOptions? options = null, DiagnosticBag? diagnostics = null)
    {
        using var blob = Build(tree, options, diagnostics);
        // every byte is written below, the zeros too: no clearing of the whole array first
        var bytes = GC.AllocateUninitializedArray<byte>(blob.TotalSize);
        var rest = bytes.AsSpan();
        blob.Head.CopyTo(rest);
        rest = rest[blob.Head.Length..];
        rest[..blob.SlotBytes].Clear();
        rest = rest[blob.SlotBytes..];
        blob.Structure.CopyTo(rest);
        rest = rest[blob.Structure.Length..];
        blob.Strings.CopyTo(rest);
        rest[blob.Strings.Length..].Clear(); // the padding
        return bytes;
    }

    /// <summary>
    /// Serialises the tree onto <paramref name="output"/>: the same bytes as <see cref="Write(DeviceTree, DtbWriteOptions?, DiagnosticBag?)"/>
    /// without an array for the whole blob. A board's blob is past the large-object threshold (85,000 bytes), and a
    /// program writing blob after blob into files or a buffer of its own would otherwise set off a full collection
    /// every few writes.
    /// </summary>
    public static void Write(DeviceTree tree, Stream output, DtbWriteOptions? options = null, DiagnosticBag? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var blob = Build(tree, options, diagnostics);
        output.Write(blob.Head);
        WriteZeros(output, blob.SlotBytes);
        output.Write(blob.Structure);
        output.Write(blob.Strings);
        WriteZeros(output, blob.PaddingLength);
    }

    private static void WriteZeros(Stream output, int count)
    {
        Span<byte> zeros = stackalloc byte[256];
        zeros.Clear();
        for (var left = count; left > 0; left -= zeros.Length) output.Write(zeros[..Math.Min(left, zeros.Length)]);
    }

    /// <summary>
    /// A blob in its parts, in order: the head (header, gap, reserve entries), the empty reserve slots with the
    /// terminating entry (zeros), the structure and strings blocks (pooled buffers), the padding (zeros). Zeros are
    /// never held: -R and -p may ask for a great many.
    /// </summary>
    private sealed class BlobParts(byte[] head, int headLength, int slotBytes, StructBlockWriter structure,
        StringTableBuilder strings, int paddingLength) : IDisposable
    {
        public ReadOnlySpan<byte> Head => head.AsSpan(0, headLength);
        public int SlotBytes => slotBytes;
        public ReadOnlySpan<byte> Structure => structure.Written;
        public ReadOnlySpan<byte> Strings => strings.Written;
        public int PaddingLength => paddingLength;
        public int TotalSize => headLength + slotBytes + structure.Length + strings.Length + paddingLength;

        public void Dispose()
        {
            ScratchPool<byte>.Return(head);
            structure.Dispose();
            strings.Dispose();
        }
    }

    private static BlobParts Build(DeviceTree tree, DtbWriteOptions? options, DiagnosticBag? diagnostics)
    {
        options ??= new DtbWriteOptions();
        var vi = BlobVersion.Get(options.Version);

        var (structBound, properties) = StructSizeBound(tree.Root);
        var structBlock = new StructBlockWriter(structBound);
        var strings = new StringTableBuilder(properties);
        try
        {
            Flatten(tree.Root, structBlock, strings, vi, "");
            structBlock.Cell(Fdt.End);
            return Lay(tree, options, diagnostics, vi, structBlock, strings);
        }
        catch
        {
            structBlock.Dispose();
            strings.Dispose();
            throw;
        }
    }

    /// <summary>The header and reserve map for the blocks made, in 64-bit arithmetic: options may ask for more than
    /// an array holds (-R 200000000 is 3.2 GB of slots), which is refused rather than wrapped.</summary>
    private static BlobParts Lay(DeviceTree tree, DtbWriteOptions options, DiagnosticBag? diagnostics, BlobVersion vi,
        StructBlockWriter structBlock, StringTableBuilder strings)
    {
        var reserveOffset = (int)Align(vi.HeaderSize, 8);
        var entryBytes = tree.ReserveEntries.Count * Fdt.ReserveEntrySize;
        var slotBytes = ((long)Math.Max(options.ReserveSlots, 0) + 1) * Fdt.ReserveEntrySize;
        var structOffset = reserveOffset + entryBytes + slotBytes;
        var stringsOffset = structOffset + structBlock.Length;
        var totalSize = stringsOffset + strings.Length;

        long padLength = 0;
        if (options.MinimumSize > 0)
        {
            padLength = options.MinimumSize - totalSize;
            if (padLength < 0)
            {
                padLength = 0;
                diagnostics?.Warning(null, $"blob size {totalSize} >= minimum size {options.MinimumSize}",
                    $"Warning: blob size {totalSize} >= minimum size {options.MinimumSize}");
            }
        }
        if (options.Padding > 0) padLength = options.Padding;
        if (options.Alignment > 0) padLength = Align(totalSize + padLength, options.Alignment) - totalSize;
        if (totalSize + padLength > Array.MaxLength)
            throw new DtFatalException($"Blob of {totalSize + padLength} bytes is too large (at most {Array.MaxLength})");

        var headLength = reserveOffset + entryBytes;
        var head = ScratchPool<byte>.Rent(headLength);
        var header = head.AsSpan(0, vi.HeaderSize);
        header.Fill(0xff);
        void H(Span<byte> h, int index, uint value) => BinaryPrimitives.WriteUInt32BigEndian(h[(index * 4)..], value);
        H(header, 0, Fdt.Magic);
        H(header, 1, (uint)(totalSize + padLength));
        H(header, 2, (uint)structOffset);
        H(header, 3, (uint)stringsOffset);
        H(header, 4, (uint)reserveOffset);
        H(header, 5, (uint)vi.Version);
        H(header, 6, (uint)vi.LastCompatible);
        if (vi.BootCpuId) H(header, 7, tree.BootCpuId);
        if (vi.StringsSize) H(header, 8, (uint)strings.Length);
        if (vi.StructSize) H(header, 9, (uint)structBlock.Length);
        head.AsSpan(vi.HeaderSize, reserveOffset - vi.HeaderSize).Clear(); // alignment to 8
        var at = reserveOffset;
        foreach (var re in tree.ReserveEntries)
        {
            BinaryPrimitives.WriteUInt64BigEndian(head.AsSpan(at), re.Address);
            BinaryPrimitives.WriteUInt64BigEndian(head.AsSpan(at + 8), re.Size);
            at += Fdt.ReserveEntrySize;
        }
        return new BlobParts(head, headLength, (int)slotBytes, structBlock, strings, (int)padLength);
    }

    /// <summary>dtc's join_path: one '/' between the parts unless the first ends with one.</summary>
    internal static string JoinPath(string path, string name) => path.EndsWith('/') ? path + name : path + "/" + name;

    private static long Align(long x, int a) => (x + a - 1) & ~((long)a - 1);

    /// <summary>
    /// At least the structure block's size in any version (full paths, alignment to 8 and name properties
    /// counted at their largest), so that the block is built in one buffer without growing it; and the number of
    /// live properties.
    /// </summary>
    private static (int Bound, int Properties) StructSizeBound(DtNode root)
    {
        var properties = 0;
        var size = 4 + NodeSizeBound(root, 0, ref properties); // + FDT_END
        return ((int)Math.Min(size, Array.MaxLength), properties);
    }

    private static long NodeSizeBound(DtNode node, int parentPathLength, ref int properties)
    {
        if (node.Deleted) return 0;
        var path = parentPathLength + 1 + node.Name.Length;
        long size = 4 + path + 4 + 4; // BEGIN_NODE, name or path with NUL and padding, END_NODE
        size += 12 + 8 + node.Name.Length + 4; // a generated "name" property
        foreach (var prop in CollectionsMarshal.AsSpan(node.AllProperties))
            if (!prop.Deleted)
            {
                size += 12 + 4 + prop.ValueLength + 4;
                properties++;
            }
        foreach (var child in CollectionsMarshal.AsSpan(node.AllChildren)) size += NodeSizeBound(child, path, ref properties);
        return size;
    }

    private static void Flatten(DtNode node, StructBlockWriter dt, StringTableBuilder strings, BlobVersion vi, string parentPath)
    {
        if (node.Deleted) return;
        var fullPath = vi.FullPath ? JoinPath(parentPath, node.Name) : "";
        dt.Cell(Fdt.BeginNode);
        var flatName = vi.FullPath ? fullPath : node.Name;
        dt.CString(flatName, flatName.Length);
        dt.AlignTo(4);
        var seenName = false;
        foreach (var prop in CollectionsMarshal.AsSpan(node.AllProperties))
        {
            if (prop.Deleted) continue;
            if (prop.Name == "name") seenName = true;
            var nameOffset = strings.Insert(prop.Name);
            dt.Cell(Fdt.Prop);
            var bytes = prop.ValueBytes;
            dt.Cell((uint)bytes.Length);
            dt.Cell((uint)nameOffset);
            if (vi.VarAlign && bytes.Length >= 8) dt.AlignTo(8);
            dt.Bytes(bytes);
            dt.AlignTo(4);
        }
        if (vi.NameProps && !seenName)
        {
            var baseLen = node.BaseNameLength;
            dt.Cell(Fdt.Prop);
            dt.Cell((uint)(baseLen + 1));
            dt.Cell((uint)strings.Insert("name"));
            if (vi.VarAlign && baseLen + 1 >= 8) dt.AlignTo(8);
            dt.CString(node.Name, baseLen);
            dt.AlignTo(4);
        }
        foreach (var child in CollectionsMarshal.AsSpan(node.AllChildren))
            Flatten(child, dt, strings, vi, fullPath);
        dt.Cell(Fdt.EndNode);
    }
}
