using System.Buffers.Binary;
using System.Text;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// Reads a flattened device tree blob (versions 1 to 17) with dtc's acceptance rules. Every offset and
/// size is checked against the blob; a corrupt blob gives a fatal error naming the byte offset.
/// </summary>
public static class DtbReader
{
    private const int MaxDepth = 10000;

    /// <summary>Parses a blob; returns null with the reason in <paramref name="diagnostics"/> when it is corrupt.</summary>
    public static DeviceTree? Read(ReadOnlySpan<byte> blob, DiagnosticBag diagnostics, string name = "<blob>")
        => Read(blob.ToArray(), diagnostics, name);

    /// <summary>The same for a blob already in an array, read in place (the tree keeps copies, never the array).</summary>
    public static DeviceTree? Read(byte[] blob, DiagnosticBag diagnostics, string name = "<blob>")
    {
        try
        {
            return ReadCore(blob, name, diagnostics);
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
    }

    private sealed class Cursor
    {
        public Cursor(byte[] data, int start, int limit, string name)
        {
            Data = data;
            Base = start;
            Pos = start;
            Limit = limit;
            Name = name;
        }

        public byte[] Data { get; }
        public int Base { get; }
        public int Pos { get; set; }
        public int Limit { get; }
        public string Name { get; }

        public DtFatalException Fail(string message, int offset) => new(message, Where(Name, offset));

        // read for every token and property: inlined, with the throw out of line
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public uint Word()
        {
            var pos = Pos;
            if (pos > Limit - 4) PrematureEnd(pos);
            Pos = pos + 4;
            return BinaryPrimitives.ReadUInt32BigEndian(Data.AsSpan(pos, 4));
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public void Realign(int align)
        {
            var pos = Base + ((Pos - Base + align - 1) & ~(align - 1));
            if (pos > Limit) PrematureEnd(pos);
            Pos = pos;
        }

        [System.Diagnostics.CodeAnalysis.DoesNotReturn]
        private void PrematureEnd(int at) => throw Fail("Premature end of data parsing flat device tree", at);

        public string CString()
        {
            var start = Pos;
            var p = Pos;
            while (true)
            {
                if (p >= Limit) throw Fail("Premature end of data parsing flat device tree", p);
                if (Data[p++] == 0) break;
            }
            Pos = p;
            Realign(4);
            return Encoding.Latin1.GetString(Data, start, p - start - 1);
        }

        /// <summary>Moves past the next <paramref name="len"/> bytes and the padding after them; returns where they start.</summary>
        public int Skip(int len)
        {
            var start = Pos;
            if (len == 0) return start;
            if (len < 0 || Pos + (long)len > Limit) throw Fail("Premature end of data parsing flat device tree", Pos);
            Pos += len;
            Realign(4);
            return start;
        }
    }

    /// <summary>A corrupt blob's location in a message: the file (its name's bytes, as message text) and the offset.</summary>
    private static string Where(string name, int offset) => $"{IO.FileNameText.ToSourceText(name)}: byte offset {offset} (0x{offset:x})";

    private static DeviceTree ReadCore(byte[] data, string name, DiagnosticBag diagnostics)
    {
        DtFatalException Fail(string message, int offset) => new(message, Where(name, offset));
        if (data.Length < 4) throw Fail("EOF reading DT blob magic number", 0);
        if (BinaryPrimitives.ReadUInt32BigEndian(data) != Fdt.Magic) throw Fail("Blob has incorrect magic number", 0);
        if (data.Length < 8) throw Fail("EOF reading DT blob size", 4);
        var totalSize = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(4));
        if (totalSize < Fdt.V1HeaderSize) throw Fail($"DT blob size ({(int)totalSize}) is too small", 4);
        if (totalSize > data.Length)
        {
            // dtc keeps what is left to read in an int: past 2 GB it is negative, and fread, given it as a size_t,
            // asks the kernel for more than the address space holds (EFAULT); below, the read ends at the file's end
            if ((int)(totalSize - 8) < 0) throw Fail("Error reading DT blob: Bad address", 8);
            throw Fail($"EOF before reading {(int)totalSize} bytes of DT blob", data.Length); // dtc's %d
        }
        var size = (int)totalSize;
        uint H(int i) => BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(i * 4));
        var offStruct = H(2);
        var offStrings = H(3);
        var offReserve = H(4);
        var version = H(5);
        var bootCpu = size >= 32 ? H(7) : 0; // dtc reads it whatever the version
        if (offReserve >= totalSize) throw Fail("Mem Reserve structure offset exceeds total size", 16);
        if (offStruct >= totalSize) throw Fail("DT structure offset exceeds total size", 8);
        if (offStrings > totalSize) throw Fail("String table offset exceeds total size", 12);
        // the header grew with the versions (size_dt_strings at 3, size_dt_struct at 17); dtc reads the fields of
        // the version a blob claims even past its total size (from memory it never read): an error here, where
        // dtc reads the field, so that the checks before it come first as in dtc
        void NeedHeader(int fieldEnd)
        {
            if (size < fieldEnd)
                throw Fail($"DT blob size ({size}) is too small for a version {version} header ({(version >= 17 ? 40 : 36)} bytes)", 4);
        }
        Cursor strings;
        if (version >= 3)
        {
            NeedHeader(36);
            var sizeStrings = H(8);
            if ((ulong)offStrings + sizeStrings > totalSize) throw Fail("String table extends past total size", 32);
            strings = new Cursor(data, (int)offStrings, (int)(offStrings + sizeStrings), name);
        }
        else strings = new Cursor(data, (int)offStrings, size, name);
        if (version >= 17)
        {
            NeedHeader(40);
            var sizeStruct = H(9);
            if ((ulong)offStruct + sizeStruct > totalSize) throw Fail("Structure block extends past total size", 36);
        }
        var fullPathNames = version < 16;
        var reserve = new Cursor(data, (int)offReserve, size, name);
        var dt = new Cursor(data, (int)offStruct, size, name);

        var tree = new DeviceTree(new DtNode(""));
        while (true)
        {
            if (reserve.Pos + 16 > reserve.Limit) throw reserve.Fail("Premature end of data parsing flat device tree", reserve.Pos);
            var address = BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(reserve.Pos));
            var length = BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(reserve.Pos + 8));
            reserve.Pos += 16;
            if (length == 0) break;
            tree.ReserveEntries.Add(new ReserveEntry(address, length));
        }

        var tokenOffset = dt.Pos;
        var first = dt.Word();
        if (first != Fdt.BeginNode)
            throw dt.Fail($"Device tree blob doesn't begin with FDT_BEGIN_NODE (begins with 0x{first:x8})", tokenOffset);
        using (var names = new StringTable(strings))
            tree.Root = Unflatten(dt, names, new ValueArena(), new Pending(), "", fullPathNames, version, diagnostics, 0);
        tokenOffset = dt.Pos;
        if (dt.Word() != Fdt.End) throw dt.Fail("Device tree blob doesn't end with FDT_END", tokenOffset);
        tree.BootCpuId = bootCpu;
        tree.IsPlugin = tree.Root.GetChild("__fixups__") is not null || tree.Root.GetChild("__local_fixups__") is not null;
        return tree;
    }

    private static DtNode Unflatten(Cursor dt, StringTable strings, ValueArena values, Pending pending, string parentFlatName, bool fullPathNames, uint version, DiagnosticBag diagnostics, int depth)
    {
        if (depth > MaxDepth) throw dt.Fail($"Nodes nested more than {MaxDepth} deep", dt.Pos);
        var nameOffset = dt.Pos;
        var flatName = dt.CString();
        string nodeName;
        if (fullPathNames)
        {
            if (!flatName.StartsWith(parentFlatName, StringComparison.Ordinal))
                throw dt.Fail($"Path \"{flatName}\" is not valid as a child of \"{parentFlatName}\"", nameOffset);
            var plen = parentFlatName.Length + (parentFlatName == "/" ? 0 : 1);
            nodeName = plen <= flatName.Length ? flatName[plen..] : "";
        }
        else nodeName = flatName;
        var node = new DtNode(nodeName);
        // the node's items wait on shared stacks until its end, so that its lists are made at their final size
        var firstProperty = pending.Properties.Count;
        var firstChild = pending.Children.Count;
        uint token;
        do
        {
            var tokenOffset = dt.Pos;
            token = dt.Word();
            switch (token)
            {
                case Fdt.Prop:
                {
                    if (pending.Children.Count > firstChild)
                        diagnostics.Warning(null, "Flat tree input has subnodes preceding a property.", "Warning: Flat tree input has subnodes preceding a property.");
                    var len = dt.Word();
                    var stroff = dt.Word();
                    var propName = strings.At((int)stroff, tokenOffset);
                    if (fullPathNames && len >= 8) dt.Realign(8);
                    if (len > int.MaxValue) throw dt.Fail("Premature end of data parsing flat device tree", dt.Pos);
                    var (chunk, at) = values.CopyBytes(dt.Data.AsSpan(dt.Skip((int)len), (int)len));
                    pending.Properties.Push(new DtProperty(propName, chunk, at, (int)len));
                    break;
                }
                case Fdt.BeginNode:
                {
                    var child = Unflatten(dt, strings, values, pending, flatName, fullPathNames, version, diagnostics, depth + 1);
                    child.Parent = node;
                    pending.Children.Push(child);
                    break;
                }
                case Fdt.EndNode:
                    break;
                case Fdt.End:
                    throw dt.Fail("Premature FDT_END in device tree blob", tokenOffset);
                case Fdt.Nop:
                    if (version < 16) diagnostics.Warning(null, "NOP tag found in flat tree version <16", "Warning: NOP tag found in flat tree version <16");
                    break;
                default:
                    throw dt.Fail($"Invalid opcode word {token:x8} in device tree blob", tokenOffset);
            }
        } while (token != Fdt.EndNode);
        pending.Properties.MoveTo(node.AllProperties, firstProperty);
        pending.Children.MoveTo(node.AllChildren, firstChild);
        return node;
    }

    private sealed class Pending
    {
        public readonly ItemStack<DtProperty> Properties = new();
        public readonly ItemStack<DtNode> Children = new();
    }

    /// <summary>Items read but not yet given to their node; a node takes its own from the top.</summary>
    private sealed class ItemStack<T>
    {
        private T[] _items = new T[64];

        public int Count { get; private set; }

        public void Push(T item)
        {
            if (Count == _items.Length) Array.Resize(ref _items, Count * 2);
            _items[Count++] = item;
        }

        /// <summary>Appends the items from <paramref name="first"/> on to <paramref name="list"/> and pops them.</summary>
        public void MoveTo(List<T> list, int first)
        {
            var count = Count - first;
            if (count == 0) return;
            list.Capacity = count;
            list.AddRange(_items.AsSpan(first, count));
            Count = first;
        }
    }

    /// <summary>The strings block: each name read once, then shared by every property that names it.</summary>
    /// <remarks>
    /// Names are found by their offset in an array as long as the block (pooled; blocks up to 64 KB, a board's is
    /// about 9 KB), a dictionary only past that: the lookup runs for every property.
    /// </remarks>
    private sealed class StringTable : IDisposable
    {
        private const int DirectLimit = 1 << 16;
        private readonly Cursor _strings;
        private string?[]? _direct;
        private readonly Dictionary<int, string>? _byOffset;

        public StringTable(Cursor strings)
        {
            _strings = strings;
            var size = strings.Limit - strings.Base;
            if (size <= DirectLimit)
            {
                _direct = ScratchPool<string?>.Rent(Math.Max(size, 1));
                Array.Clear(_direct, 0, size);
            }
            else _byOffset = new Dictionary<int, string>();
        }

        public string At(int offset, int tokenOffset)
        {
            var direct = _direct;
            if (direct is not null && (uint)offset < (uint)(_strings.Limit - _strings.Base))
            {
                if (direct[offset] is { } hit) return hit;
            }
            else if (_byOffset is not null && _byOffset.TryGetValue(offset, out var known)) return known;
            var p = _strings.Base + offset;
            var start = p;
            while (true)
            {
                if (offset < 0 || p >= _strings.Limit || p < _strings.Base)
                    throw _strings.Fail($"String offset {offset} overruns string table", tokenOffset);
                if (_strings.Data[p] == 0) break;
                p++;
            }
            var name = Encoding.Latin1.GetString(_strings.Data, start, p - start);
            if (direct is not null) direct[offset] = name;
            else _byOffset![offset] = name;
            return name;
        }

        public void Dispose()
        {
            if (_direct is null) return;
            Array.Clear(_direct, 0, _strings.Limit - _strings.Base); // no names kept alive by the pool
            ScratchPool<string?>.Return(_direct);
            _direct = null;
        }
    }
}
