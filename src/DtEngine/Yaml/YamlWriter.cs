using System.Buffers.Binary;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Yaml;

/// <summary>
/// Writes a tree as YAML the way dtc 1.8.x built with libyaml does (<c>-O yaml</c>, the form the kernel's schema
/// checks read before they took blobs): a sequence holding the root node's mapping; each property a flow sequence
/// of its value's typed chunks (cells as hex, <c>!u8</c>/<c>!u16</c>/<c>!u64</c> for other widths, a phandle
/// reference tagged <c>!phandle</c>, strings double-quoted), an empty property <c>true</c>; each child node a mapping.
/// The chunks come from the value's type markers, so the tree must come from DTS source.
/// </summary>
public static class YamlWriter
{
    /// <summary>The YAML text as bytes; a value dtc cannot write (a check dtc makes by assertion) is a fatal error.</summary>
    public static byte[] Write(DeviceTree tree)
    {
        using var text = new Latin1Builder(64 * 1024);
        var yaml = new LibYamlEmitter(text);
        yaml.DocumentStart();
        yaml.BlockSequenceStart(mappingContext: false);
        yaml.BlockSequenceItem();
        Node(tree.Root, yaml);
        yaml.BlockSequenceEnd();
        yaml.DocumentEnd();
        return text.ToArray();
    }

    private static void Node(DtNode node, LibYamlEmitter yaml)
    {
        if (node.Properties.IsEmpty && node.Children.IsEmpty)
        {
            yaml.EmptyMapping();
            return;
        }
        yaml.BlockMappingStart();
        foreach (var prop in node.Properties)
        {
            yaml.BlockMappingKey(Latin1(prop.Name), quotedImplicit: true);
            Value(prop, yaml);
        }
        foreach (var child in node.Children)
        {
            // dtc lets a node name be plain only: quoted, it carries the tag "!"
            yaml.BlockMappingKey(Latin1(child.Name), quotedImplicit: false);
            Node(child, yaml);
        }
        yaml.BlockMappingEnd();
    }

    private static void Value(DtProperty prop, LibYamlEmitter yaml)
    {
        var bytes = prop.ValueBytes;
        if (bytes.Length == 0)
        {
            yaml.Scalar("true"u8, LibYamlEmitter.Style.Plain, null, plainImplicit: true, quotedImplicit: false);
            return;
        }
        var markers = prop.ValueMarkers;
        if (markers.Length == 0) throw new DtFatalException($"No markers present in property '{prop.Name}' value");
        yaml.FlowSequenceStart(null);
        var remaining = bytes.Length;
        var first = true;
        for (var i = 0; i < markers.Length; i++)
        {
            var m = markers[i];
            if (!m.IsTypeMarker) continue;
            // a chunk runs to the next type marker; the last one (or one the next marker's offset makes empty, as
            // dtc computes it) takes what is left
            var next = NextTypeMarker(markers, i + 1);
            var length = next < 0 ? 0 : markers[next].Offset - m.Offset;
            if (length == 0) length = remaining;
            if (length <= 0 || m.Offset + length > bytes.Length)
                throw Unwritable(prop, "a typed part of its value is empty");
            remaining -= length;
            yaml.FlowSequenceItem(first);
            first = false;
            var chunk = bytes.Slice(m.Offset, length);
            switch (m.Type)
            {
                case MarkerType.TypeUint16: Integers(prop, chunk, m.Offset, 2, markers, yaml); break;
                case MarkerType.TypeUint32: Integers(prop, chunk, m.Offset, 4, markers, yaml); break;
                case MarkerType.TypeUint64: Integers(prop, chunk, m.Offset, 8, markers, yaml); break;
                case MarkerType.TypeString: String(prop, chunk, yaml); break;
                default: Integers(prop, chunk, m.Offset, 1, markers, yaml); break;
            }
        }
        yaml.FlowSequenceEnd();
    }

    private static int NextTypeMarker(ReadOnlySpan<Marker> markers, int from)
    {
        for (var i = from; i < markers.Length; i++) if (markers[i].IsTypeMarker) return i;
        return -1;
    }

    private static void Integers(DtProperty prop, ReadOnlySpan<byte> chunk, int chunkOffset, int width, ReadOnlySpan<Marker> markers, LibYamlEmitter yaml)
    {
        if (chunk.Length % width != 0) throw Unwritable(prop, $"its {width}-byte values do not fill their part");
        // cells are the default and carry no tag
        yaml.FlowSequenceStart(width switch { 1 => "u8", 2 => "u16", 8 => "u64", _ => null });
        Span<byte> digits = stackalloc byte[18];
        for (var at = 0; at < chunk.Length; at += width)
        {
            yaml.FlowSequenceItem(at == 0);
            var value = width switch
            {
                1 => chunk[at],
                2 => BinaryPrimitives.ReadUInt16BigEndian(chunk[at..]),
                4 => BinaryPrimitives.ReadUInt32BigEndian(chunk[at..]),
                _ => BinaryPrimitives.ReadUInt64BigEndian(chunk[at..]),
            };
            var text = Hex(value, digits);
            if (width == 4 && IsPhandleAt(markers, chunkOffset + at))
                yaml.Scalar(text, LibYamlEmitter.Style.Plain, "phandle", plainImplicit: false, quotedImplicit: false);
            else
                yaml.Scalar(text, LibYamlEmitter.Style.Plain, null, plainImplicit: true, quotedImplicit: true);
        }
        yaml.FlowSequenceEnd();
    }

    private static bool IsPhandleAt(ReadOnlySpan<Marker> markers, int offset)
    {
        foreach (var m in markers) if (m.Type == MarkerType.RefPhandle && m.Offset == offset) return true;
        return false;
    }

    private static void String(DtProperty prop, ReadOnlySpan<byte> chunk, LibYamlEmitter yaml)
    {
        if (chunk[^1] != 0) throw Unwritable(prop, "a string part of its value does not end with a NUL");
        foreach (var b in chunk)
            if (b >= 0x80) throw Unwritable(prop, "a string part of its value is not 7-bit ASCII");
        yaml.Scalar(chunk[..^1], LibYamlEmitter.Style.DoubleQuoted, null, plainImplicit: false, quotedImplicit: true);
    }

    /// <summary>printf's <c>0x%x</c>.</summary>
    private static ReadOnlySpan<byte> Hex(ulong value, Span<byte> buffer)
    {
        var length = 2 + Math.Max(1, (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 3) / 4);
        buffer[0] = (byte)'0';
        buffer[1] = (byte)'x';
        for (var i = length - 1; i >= 2; i--, value >>= 4) buffer[i] = (byte)"0123456789abcdef"[(int)(value & 0xf)];
        return buffer[..length];
    }

    private static byte[] Latin1(string s) => System.Text.Encoding.Latin1.GetBytes(s);

    // dtc stops on such a value with an assertion (an abort, exit status 134); a fatal error says what is wrong
    private static DtFatalException Unwritable(DtProperty prop, string why)
        => new($"YAML output cannot hold property '{prop.Name}': {why}");
}
