using System.Text;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Dts;

/// <summary>DTS output options.</summary>
public sealed record DtsWriteOptions
{
    /// <summary>Annotate with source positions: 0 off, 1 short (file:line), 2 full (-T -T).</summary>
    public int Annotate { get; init; }
}

/// <summary>
/// Writes a tree as DTS text exactly as dtc 1.8.x's treesource.c: labels and references kept from DTS
/// input through the value markers; for values with no type markers (DTB input) the type is guessed.
/// </summary>
public static class DtsWriter
{
    /// <summary>The tree as DTS text.</summary>
    public static string Write(DeviceTree tree, DtsWriteOptions? options = null)
    {
        using var text = Build(tree, options);
        return text.ToString();
    }

    /// <summary>The text as bytes; values are Latin-1 so that every byte round-trips.</summary>
    public static byte[] WriteBytes(DeviceTree tree, DtsWriteOptions? options = null)
    {
        using var text = Build(tree, options);
        return text.ToArray();
    }

    /// <summary>
    /// Writes the text's bytes (those of <see cref="WriteBytes"/>) onto <paramref name="output"/>, without an array
    /// for the whole text: a board's DTS is past the large-object threshold, and a program writing tree after tree
    /// would otherwise set off a full collection every few writes.
    /// </summary>
    public static void Write(DeviceTree tree, Stream output, DtsWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var text = Build(tree, options);
        output.Write(text.Bytes);
    }

    private static Latin1Builder Build(DeviceTree tree, DtsWriteOptions? options)
    {
        options ??= new DtsWriteOptions();
        var sb = new Latin1Builder(SizeEstimate(tree));
        sb.Append("/dts-v1/;\n");
        if (tree.IsPlugin) sb.Append("/plugin/;\n");
        sb.Append('\n');
        foreach (var re in tree.ReserveEntries)
        {
            foreach (var l in LabelList.Live(re.Labels)) sb.Append(l.Name).Append(": ");
            sb.Append("/memreserve/\t0x").Append(re.Address.ToString("x16")).Append(" 0x").Append(re.Size.ToString("x16")).Append(";\n");
        }
        var annotation = new Annotation(options.Annotate, tree);
        WriteNode(sb, tree.Root, 0, annotation, new List<Marker>());
        return sb;
    }

    /// <summary>
    /// About the size of the text (a board's comes out at 1.3 times its text): a buffer that rarely grows, since
    /// growing copies it and touches new memory, which on a short run costs more than the copy (a page fault per
    /// 4 KB). Values are counted at two characters a byte: strings take one, small cells one or two, large cells and
    /// bytes up to three (a tree of those grows the buffer once).
    /// </summary>
    private static int SizeEstimate(DeviceTree tree) => (int)Math.Min(NodeSizeEstimate(tree.Root, 0) + 64, Array.MaxLength);

    private static long NodeSizeEstimate(DtNode node, int level)
    {
        long size = 2 * level + node.Name.Length + 16;
        foreach (var l in node.Labels) size += l.Name.Length + 2;
        foreach (var prop in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(node.AllProperties))
            size += level + prop.Name.Length + 2L * prop.ValueLength + 8;
        foreach (var child in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(node.AllChildren))
            size += NodeSizeEstimate(child, level + 1);
        return size;
    }

    private static void Prefix(Latin1Builder sb, int level) => sb.Append('\t', level);

    private static void WriteNode(Latin1Builder sb, DtNode node, int level, Annotation annotation, List<Marker> scratch)
    {
        Prefix(sb, level);
        foreach (var l in LabelList.Live(node.Labels)) sb.Append(l.Name).Append(": ");
        if (node.Name.Length > 0) sb.Append(node.Name).Append(" {");
        else sb.Append("/ {");
        annotation.Append(sb, node.Position, true);
        sb.Append('\n');
        foreach (var prop in node.Properties)
        {
            Prefix(sb, level + 1);
            foreach (var l in prop.LiveLabels) sb.Append(l.Name).Append(": ");
            sb.Append(prop.Name);
            WritePropertyValue(sb, prop, annotation, scratch);
        }
        foreach (var child in node.Children)
        {
            sb.Append('\n');
            WriteNode(sb, child, level + 1, annotation, scratch);
        }
        Prefix(sb, level);
        sb.Append("};");
        annotation.Append(sb, node.Position, false);
        sb.Append('\n');
    }

    private static void WritePropertyValue(Latin1Builder sb, DtProperty prop, Annotation annotation, List<Marker> scratch)
    {
        var len = prop.ValueLength;
        if (len == 0)
        {
            sb.Append(';');
            annotation.Append(sb, prop.Position, true);
            sb.Append('\n');
            return;
        }
        sb.Append(" =");
        if (!prop.HasValueMarkers) WriteUnmarked(sb, prop.ValueBytes);
        else WriteMarked(sb, prop.Value, scratch);
        sb.Append(';');
        annotation.Append(sb, prop.Position, true);
        sb.Append('\n');
    }

    /// <summary>
    /// A value with no markers at all (every value read from a DTB): one guessed type over the whole value, written
    /// as the marker walk would write it, without building the markers.
    /// </summary>
    private static void WriteUnmarked(Latin1Builder sb, ReadOnlySpan<byte> bytes)
    {
        switch (TypeGuess.GuessType(bytes))
        {
            case MarkerType.TypeString:
                // one string per NUL-terminated piece, comma separated
                while (bytes.Length > 0)
                {
                    var end = bytes.IndexOf((byte)0) + 1;
                    sb.Append(' ');
                    WriteString(sb, bytes[..end]);
                    bytes = bytes[end..];
                    if (bytes.Length > 0) sb.Append(',');
                }
                break;
            case MarkerType.TypeUint32:
                sb.Append(" <");
                WriteInts(sb, bytes, 4);
                sb.Append('>');
                break;
            default:
                sb.Append(" [");
                WriteInts(sb, bytes, 1);
                sb.Append(']');
                break;
        }
    }

    private static void WriteMarked(Latin1Builder sb, PropertyValue value, List<Marker> scratch)
    {
        var len = value.Length;
        // dtc guesses in place; guess into a copy of the marker list so that writing has no side effect on the tree
        var markers = scratch;
        markers.Clear();
        markers.AddRange(value.MarkerSpan);
        var bytes = value.Bytes;
        TypeGuess.AddTypeMarkers(bytes, markers);
        var emitType = MarkerType.None;
        for (var i = 0; i < markers.Count; i++)
        {
            var m = markers[i];
            var chunkLen = (i + 1 < markers.Count ? markers[i + 1].Offset : len) - m.Offset;
            var typeLen = TypeMarkerLength(markers, i);
            var dataLen = typeLen != 0 ? typeLen : len - m.Offset;
            if (m.IsTypeMarker)
            {
                emitType = m.Type;
                sb.Append(' ').Append(DelimiterStart(emitType));
            }
            else if (m.Type == MarkerType.Label)
            {
                sb.Append(' ').Append(m.Reference).Append(':');
            }
            if (emitType == MarkerType.None || chunkLen == 0) continue;
            var p = bytes.Slice(m.Offset, chunkLen);
            switch (emitType)
            {
                case MarkerType.TypeUint16:
                    WriteInts(sb, p, 2);
                    break;
                case MarkerType.TypeUint32:
                {
                    Marker? phandle = null;
                    foreach (var r in markers)
                        if (r.Type == MarkerType.RefPhandle && r.Offset == m.Offset) { phandle = r; break; }
                    if (phandle is { } found)
                    {
                        if (found.Reference is not { Length: > 0 } reference || reference[0] == '/') sb.Append("&{").Append(found.Reference).Append('}');
                        else sb.Append('&').Append(found.Reference);
                        if (chunkLen > 4)
                        {
                            sb.Append(' ');
                            WriteInts(sb, p[4..], 4);
                        }
                    }
                    else WriteInts(sb, p, 4);
                    if (dataLen > chunkLen) sb.Append(' ');
                    break;
                }
                case MarkerType.TypeUint64:
                    WriteInts(sb, p, 8);
                    break;
                case MarkerType.TypeString:
                    WriteString(sb, p);
                    break;
                default:
                    WriteInts(sb, p, 1);
                    break;
            }
            if (chunkLen == dataLen)
            {
                var pos = m.Offset + chunkLen;
                sb.Append(DelimiterEnd(emitType));
                if (pos != len) sb.Append(',');
                emitType = MarkerType.None;
            }
        }
    }

    private static int TypeMarkerLength(List<Marker> markers, int index)
    {
        for (var j = index + 1; j < markers.Count; j++)
            if (markers[j].IsTypeMarker) return markers[j].Offset - markers[index].Offset;
        return 0;
    }

    private static string DelimiterStart(MarkerType t) => t switch
    {
        MarkerType.TypeUint8 => "[",
        MarkerType.TypeUint16 => "/bits/ 16 <",
        MarkerType.TypeUint32 => "<",
        MarkerType.TypeUint64 => "/bits/ 64 <",
        _ => "",
    };

    private static string DelimiterEnd(MarkerType t) => t switch
    {
        MarkerType.TypeUint8 => "]",
        MarkerType.TypeUint16 or MarkerType.TypeUint32 or MarkerType.TypeUint64 => ">",
        _ => "",
    };

    private static void WriteInts(Latin1Builder sb, ReadOnlySpan<byte> p, int width)
    {
        // dtc asserts the length is a multiple of the width; a partial tail is not printed
        var count = p.Length / width;
        for (var k = 0; k < count; k++)
        {
            var o = k * width;
            switch (width)
            {
                case 1: sb.AppendHex(p[o]); break;
                case 2: sb.AppendHex((uint)((p[o] << 8) | p[o + 1]), prefix: true); break;
                case 4: sb.AppendHex(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(p[o..]), prefix: true); break;
                default: sb.AppendHex(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(p[o..]), prefix: true); break;
            }
            if (o + width < p.Length) sb.Append(' ');
        }
    }

    // printable ASCII but the two characters a string escapes
    private static readonly System.Buffers.SearchValues<byte> PrintedAsIs = System.Buffers.SearchValues.Create(
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~"u8);

    private static void WriteString(Latin1Builder sb, ReadOnlySpan<byte> s)
    {
        if (s.Length == 0) return;
        sb.Append('"');
        for (var i = 0; i < s.Length - 1; i++)
        {
            var c = s[i];
            if (PrintedAsIs.Contains(c))
            {
                // a run of characters printed as they are, found and copied at once
                var length = s[i..^1].IndexOfAnyExcept(PrintedAsIs);
                var run = length < 0 ? s.Length - 1 : i + length;
                sb.Append(s[i..run]);
                i = run - 1;
                continue;
            }
            switch (c)
            {
                case 7: sb.Append("\\a"); break;
                case 8: sb.Append("\\b"); break;
                case 9: sb.Append("\\t"); break;
                case 10: sb.Append("\\n"); break;
                case 11: sb.Append("\\v"); break;
                case 12: sb.Append("\\f"); break;
                case 13: sb.Append("\\r"); break;
                case (byte)'\\': sb.Append("\\\\"); break;
                case (byte)'"': sb.Append("\\\""); break;
                case 0: sb.Append("\\0"); break;
                default:
                    if (c >= 0x20 && c < 0x7f) sb.Append((char)c);
                    else sb.Append("\\x").Append(c < 0x80 ? c.ToString("x2") : ((uint)(sbyte)c).ToString("x2")); // dtc prints a signed char
                    break;
            }
        }
        sb.Append('"');
    }

    private sealed class Annotation
    {
        private readonly int _level;
        private readonly string? _initialPath;

        public Annotation(int level, DeviceTree tree)
        {
            _level = level;
            _initialPath = tree.AnnotationBase ?? tree.Root.Position?.File;
        }

        public void Append(Latin1Builder sb, SourcePosition? pos, bool first)
        {
            if (_level == 0) return;
            var text = Describe(pos, first);
            // file names are path strings; the output holds their bytes
            if (text is not null) sb.Append(" /* ").Append(IO.FileNameText.ToSourceText(text)).Append(" */");
        }

        private string? Describe(SourcePosition? pos, bool first)
        {
            if (pos is null) return _level > 1 ? "<no-file>:<no-line>" : null;
            string head;
            if (_level > 1) head = $"{pos.File}:{pos.FirstLine}:{pos.FirstColumn}-{pos.LastLine}:{pos.LastColumn}";
            else head = $"{Shorten(pos.File)}:{(first ? pos.FirstLine : pos.LastLine)}";
            return pos.Next is null ? head : head + ", " + Describe(pos.Next, first);
        }

        private string Shorten(string file)
        {
            // dtc prints paths relative to the first file's folder (srcpos.c shorten_to_initial_path)
            if (_initialPath is null) return file;
            var prevSlash = -1;
            var slashes = 0;
            for (var i = 0; i < file.Length && i < _initialPath.Length; i++)
            {
                if (file[i] != _initialPath[i]) break;
                if (file[i] == '/') { prevSlash = i; slashes++; }
            }
            if (prevSlash < 0) return file;
            var initialSlashes = _initialPath.Count(ch => ch == '/');
            var sb = new StringBuilder();
            for (var i = 0; i < initialSlashes - slashes; i++) sb.Append("../");
            sb.Append(file, prevSlash + 1, file.Length - prevSlash - 1);
            return sb.ToString();
        }
    }
}
