using System.Buffers.Binary;
using System.Text;

namespace Viommu.Testing;

/// <summary>
/// Mutated inputs for the bounded fuzz passes of the suite (fixed seeds, so a failure reproduces): text mutants
/// insert format fragments, delete, replace and duplicate runs; blob mutants flip bits, set bytes and aligned
/// 32-bit words to edge values (where header fields, offsets and lengths sit), truncate and duplicate.
/// </summary>
internal static class Mutator
{
    public static IEnumerable<string> Texts(string seedText, IReadOnlyList<string> fragments, int count, int seed, int maxEdits = 6)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var sb = new StringBuilder(seedText);
            for (var e = 1 + random.Next(maxEdits); e > 0; e--)
            {
                var at = random.Next(sb.Length + 1);
                switch (random.Next(4))
                {
                    case 0: sb.Insert(at, fragments[random.Next(fragments.Count)]); break;
                    case 1: if (at < sb.Length) sb.Remove(at, Math.Min(1 + random.Next(20), sb.Length - at)); break;
                    case 2: if (at < sb.Length) sb[at] = (char)random.Next(256); break;
                    default:
                        var from = random.Next(Math.Max(1, sb.Length));
                        var length = Math.Min(random.Next(40), sb.Length - from);
                        if (length > 0) sb.Insert(at, sb.ToString(from, length));
                        break;
                }
            }
            yield return sb.ToString();
        }
    }

    private static readonly uint[] EdgeWords = { 0, 1, 3, 4, 0x7fffffff, 0x80000000, 0xfffffff0, 0xffffffff, 0xd00dfeed, 0x10, 0x11, 0x28, 0x38 };

    public static IEnumerable<byte[]> Blobs(byte[] seedBlob, int count, int seed, int maxEdits = 4)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var b = new List<byte>(seedBlob);
            for (var e = 1 + random.Next(maxEdits); e > 0 && b.Count > 0; e--)
            {
                var at = random.Next(b.Count);
                switch (random.Next(6))
                {
                    case 0: b[at] ^= (byte)(1 << random.Next(8)); break;
                    case 1: b[at] = (byte)random.Next(256); break;
                    case 2:
                    {
                        // Header fields most of the time, anywhere aligned otherwise.
                        var word = random.Next(3) == 0 ? random.Next(10) * 4 : at & ~3;
                        if (word + 4 > b.Count) break;
                        Span<byte> v = stackalloc byte[4];
                        BinaryPrimitives.WriteUInt32BigEndian(v, random.Next(2) == 0 ? EdgeWords[random.Next(EdgeWords.Length)] : (uint)random.Next());
                        for (var k = 0; k < 4; k++) b[word + k] = v[k];
                        break;
                    }
                    case 3: b.RemoveRange(at, b.Count - at); break;
                    case 4: b.RemoveRange(at, Math.Min(1 + random.Next(16), b.Count - at)); break;
                    default:
                    {
                        var from = random.Next(b.Count);
                        var length = Math.Min(random.Next(64), b.Count - from);
                        b.InsertRange(at, b.GetRange(from, length));
                        break;
                    }
                }
            }
            yield return b.ToArray();
        }
    }
}
