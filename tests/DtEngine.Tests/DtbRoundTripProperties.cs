using CsCheck;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>Property tests on generated trees: DTB -> tree -> DTB is the identity, and so is DTS.</summary>
public class DtbRoundTripProperties
{
    private static readonly Gen<string> Name =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789,._+-"], 1, 12].Where(s => char.IsLetter(s[0]));

    private static readonly Gen<DtProperty> Property =
        Gen.Select(Name, Gen.Byte.Array[0, 40], (n, v) => new DtProperty(n, new PropertyValue(v)));

    private static Gen<DtNode> Node(int depth) =>
        Gen.Select(Name, Gen.Int[0, 0xffff], Property.List[0, 6], depth == 0 ? Gen.Const(new List<DtNode>()) : Node(depth - 1).List[0, 3],
            (n, unit, props, children) =>
            {
                var node = new DtNode(unit % 3 == 0 ? n : $"{n}@{unit:x}");
                var seen = new HashSet<string>();
                foreach (var p in props) if (seen.Add(p.Name)) node.AddProperty(p);
                var names = new HashSet<string>();
                foreach (var c in children) if (names.Add(c.Name)) node.AddChild(c);
                return node;
            });

    private static readonly Gen<DeviceTree> Tree =
        Gen.Select(Node(3), Gen.Select(Gen.ULong, Gen.ULong[1, ulong.MaxValue]).List[0, 3], Gen.UInt, (root, reserves, cpu) =>
        {
            root.Name = "";
            var t = new DeviceTree(root) { BootCpuId = cpu };
            foreach (var (a, s) in reserves) t.ReserveEntries.Add(new ReserveEntry(a, s));
            return t;
        });

    [Fact]
    public void Dtb_read_write_is_the_identity()
    {
        Tree.Sample(tree =>
        {
            var blob = DtbWriter.Write(tree);
            var back = DtbReader.Read(blob, new DiagnosticBag());
            Assert.NotNull(back);
            Assert.Equal(blob, DtbWriter.Write(back!));
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Dts_written_from_a_blob_parses_to_the_same_blob()
    {
        Tree.Sample(tree =>
        {
            var blob = DtbWriter.Write(tree);
            var read = DtbReader.Read(blob, new DiagnosticBag())!;
            var dts = DtsWriter.Write(read);
            var diagnostics = new DiagnosticBag();
            var parsed = DtsParser.ParseText(dts, diagnostics, "gen.dts");
            Assert.True(parsed is not null, dts + "\n" + string.Join("\n", diagnostics.Items));
            parsed!.BootCpuId = tree.BootCpuId;
            Assert.Equal(blob, DtbWriter.Write(parsed));
        }, iter: 300, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void Truncating_a_blob_anywhere_gives_a_located_error_never_an_exception()
    {
        Tree.Sample(tree =>
        {
            var blob = DtbWriter.Write(tree);
            for (var cut = 0; cut < blob.Length; cut += Math.Max(1, blob.Length / 17))
            {
                var damaged = blob.AsSpan(0, cut).ToArray();
                var d = new DiagnosticBag();
                var result = DtbReader.Read(damaged, d);
                Assert.True(result is not null || d.HasErrors);
            }
        }, iter: 50, seed: "0N0XIzNsQ0O2");
    }
}
