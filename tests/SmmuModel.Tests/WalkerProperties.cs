using CsCheck;
using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Tests;

/// <summary>Property tests: the walker agrees with <see cref="ReferenceWalker"/> on random (and randomly
/// damaged) tables for every granule, both stages and nesting; builder then walker is the identity.</summary>
public class WalkerProperties
{
    private static readonly Granule[] Granules = [Granule.Size4K, Granule.Size16K, Granule.Size64K];

    /// <summary>Random non-overlapping, granule-aligned mappings, some block-aligned.</summary>
    private static List<Mapping> RandomMappings(Random rnd, Granule g, int inputBits, int count, ulong outputBase)
    {
        var page = 1UL << g.Bits();
        var block = 1UL << g.LevelShift(2);
        var result = new List<Mapping>();
        var cursor = (ulong)rnd.Next(0, 4) * block;
        var output = outputBase;
        for (var i = 0; i < count; i++)
        {
            var size = rnd.Next(3) switch { 0 => page * (ulong)rnd.Next(1, 5), 1 => block, _ => block + page * (ulong)rnd.Next(1, 3) };
            if (rnd.Next(2) == 0) cursor = (cursor + block - 1) / block * block; // block-align input
            if (rnd.Next(2) == 0) output = (output + block - 1) / block * block;
            if (cursor + size > (1UL << inputBits)) break;
            var perms = (MapPermissions)rnd.Next(1, 8);
            result.Add(new Mapping(cursor, output, size, perms));
            cursor += size + page * (ulong)rnd.Next(0, 3);
            output += size + page * (ulong)rnd.Next(0, 2);
        }
        return result;
    }

    private static ulong RandomProbe(Random rnd, List<Mapping> maps, int inputBits)
    {
        if (maps.Count > 0 && rnd.Next(4) != 0)
        {
            var m = maps[rnd.Next(maps.Count)];
            return m.Input + (ulong)rnd.NextInt64((long)m.Size) + (ulong)rnd.Next(-1, 2) * (1UL << 12);
        }
        return (ulong)rnd.NextInt64() & Bits.Mask(inputBits + 1);
    }

    /// <summary>Damages some descriptors on the paths to the leaves (valid bit, type bit with the access flag
    /// set so a table turns into a usable-looking block, access flag, stray high address bits), as a buggy
    /// table writer would.</summary>
    private static void Damage(Random rnd, PhysicalMemory memory, StageTables t)
    {
        foreach (var leaf in TableRanges.Leaves(memory, t).Where(_ => rnd.Next(2) == 0))
        {
            var path = new List<ulong>();
            var table = t.Root;
            for (var level = t.StartLevel; level <= leaf.Level; level++)
            {
                var shift = t.Granule.LevelShift(level);
                var slot = table + ((leaf.Input >> shift) & Bits.Mask(t.Granule.IndexBits(level, t.StartLevel, t.InputBits))) * 8;
                path.Add(slot);
                table = Bits.Range(memory.Read64(slot), 47, t.Granule.Bits());
            }
            var victim = path[rnd.Next(path.Count)];
            var d = memory.Read64(victim);
            memory.Write64(victim, rnd.Next(4) switch
            {
                0 => d ^ 1,
                1 => (d ^ 2) | (1UL << 10),
                2 => d & ~(1UL << 10),
                _ => d | (1UL << (41 + rnd.Next(7))),
            });
        }
    }

    [Fact]
    public void Walker_agrees_with_reference_on_random_tables()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var g = Granules[rnd.Next(3)];
            var stage = rnd.Next(1, 3);
            var inputBits = stage == 1 ? rnd.Next(25, 49) : rnd.Next(32, 49);
            int start;
            if (stage == 1) start = g.Stage1StartLevel(inputBits);
            else
            {
                var layout = TryLayout(inputBits, g);
                if (layout is null) return;
                start = layout.StartLevel;
            }
            var memory = new PhysicalMemory();
            var alloc = new MemoryAllocator(0x1_0000_0000, 0x2_0000_0000);
            var maps = RandomMappings(rnd, g, inputBits, rnd.Next(0, 12), 0x40_0000_0000);
            var builder = new PageTableBuilder(memory, alloc, stage, g, start, inputBits);
            builder.MapAll(maps);
            var outputBits = rnd.Next(2) == 0 ? 48 : 40; // 40: outputs at 0x40_0000_0000 are out of range
            var tables = builder.Tables(outputBits);
            if (rnd.Next(3) != 0) Damage(rnd, memory, tables);
            var walker = new TableWalker(memory);
            for (var i = 0; i < 128; i++)
            {
                var a = RandomProbe(rnd, maps, inputBits);
                var expected = ReferenceWalker.Walk(memory, 1UL << g.Bits(), start, inputBits, tables.Root, outputBits, a);
                var actual = walker.Walk(tables, a);
                Assert.Equal(expected, actual.IsFault ? null : actual.OutputAddress);
            }
        }, iter: PropertyIterations.Of(1000));
    }

    [Fact]
    public void Nested_walk_agrees_with_reference_composition()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var g1 = Granules[rnd.Next(3)];
            var g2 = Granules[rnd.Next(3)];
            var layout = TryLayout(40, g2)!;
            var memory = new PhysicalMemory();
            // Stage 2: guest RAM IPA 0x4000_0000 + 64 MB -> PA 0x8_0000_0000, plus random extra windows.
            var s2 = new PageTableBuilder(memory, new MemoryAllocator(0x1_0000_0000, 0x2_0000_0000), 2, g2, layout.StartLevel, 40);
            s2.Map(new Mapping(0x4000_0000, 0x8_0000_0000, 0x400_0000, MapPermissions.ReadWrite));
            var s2Tables = s2.Tables(48);
            ulong ToPa(ulong ipa) => ipa - 0x4000_0000 + 0x8_0000_0000;
            // Stage 1 tables live in guest RAM; outputs are IPAs, some inside guest RAM and some not.
            var vaBits = rnd.Next(30, 49);
            var s1 = new PageTableBuilder(memory, new MemoryAllocator(0x4300_0000, 0x4400_0000), 1, g1, g1.Stage1StartLevel(vaBits), vaBits, ToPa);
            var maps = RandomMappings(rnd, g1, vaBits, rnd.Next(1, 10), rnd.Next(2) == 0 ? 0x4000_0000UL : 0x3f00_0000UL);
            s1.MapAll(maps);
            var s1Tables = s1.Tables(40);
            if (rnd.Next(3) == 0) // unmap a stage-2 page under the stage-1 tables: table fetches fault at stage 2
                memory.Write64(s2Tables.Root + ((0x4300_0000UL >> g2.LevelShift(layout.StartLevel)) * 8), 0);
            var walker = new TableWalker(memory);
            ulong? Stage2(ulong ipa) => ReferenceWalker.Walk(memory, 1UL << g2.Bits(), layout.StartLevel, 40, s2Tables.Root, 48, ipa);
            for (var i = 0; i < 64; i++)
            {
                var va = RandomProbe(rnd, maps, vaBits);
                var ipa = ReferenceWalker.Walk(memory, 1UL << g1.Bits(), s1Tables.StartLevel, vaBits, s1Tables.Root, 40, va, Stage2);
                var expected = ipa is null ? null : Stage2(ipa.Value);
                var s1Walk = walker.WalkNested(s1Tables, va, s2Tables);
                ulong? actual = null;
                if (!s1Walk.IsFault)
                {
                    var s2Walk = walker.TranslateStage2(s2Tables, s1Walk.OutputAddress, AccessKind.Read, FaultClass.Input);
                    if (!s2Walk.IsFault) actual = s2Walk.OutputAddress;
                }
                Assert.Equal(expected, actual);
            }
        }, iter: PropertyIterations.Of(200));
    }

    [Fact]
    public void Builder_then_walker_is_the_identity()
    {
        Gen.Int.Sample(seed =>
        {
            var rnd = new Random(seed);
            var g = Granules[rnd.Next(3)];
            var stage = rnd.Next(1, 3);
            var inputBits = rnd.Next(32, 49);
            var start = stage == 1 ? g.Stage1StartLevel(inputBits) : TryLayout(inputBits, g)?.StartLevel ?? -1;
            if (start < 0) return;
            var memory = new PhysicalMemory();
            var maps = RandomMappings(rnd, g, inputBits, rnd.Next(1, 16), 0x10_0000_0000);
            var builder = new PageTableBuilder(memory, new MemoryAllocator(0x1_0000_0000, 0x2_0000_0000), stage, g, start, inputBits);
            builder.MapAll(maps);
            var tables = builder.Tables(48);
            var walker = new TableWalker(memory);
            foreach (var m in maps)
            {
                foreach (var offset in new[] { 0UL, m.Size - 8, (ulong)rnd.NextInt64((long)m.Size) & ~7UL })
                {
                    var w = walker.Walk(tables, m.Input + offset);
                    Assert.False(w.IsFault);
                    Assert.Equal(m.Output + offset, w.OutputAddress);
                    if (stage == 2) Assert.Equal(m.Permissions, DescriptorEncoding.Stage2Permissions(w.Descriptor));
                    else
                    {
                        foreach (var (access, flag) in new[] { (AccessKind.Read, MapPermissions.Read), (AccessKind.Write, MapPermissions.Write), (AccessKind.Execute, MapPermissions.Execute) })
                            if (flag != MapPermissions.Read) // stage 1 cannot express write-only or no-read: reads always pass
                                Assert.Equal(m.Permissions.HasFlag(flag), Permissions.Stage1Allows(w.Descriptor, w.TableAttributes, access, false, false, false));
                    }
                }
            }
            // The leaves, coalesced, are exactly the mappings.
            var leaves = TableRanges.Leaves(memory, tables);
            Assert.Equal(maps.Sum(m => (decimal)m.Size), leaves.Sum(l => (decimal)l.Size));
            foreach (var leaf in leaves)
                Assert.Contains(maps, m => leaf.Input >= m.Input && leaf.InputEnd <= m.InputEnd && leaf.Output == m.Output + (leaf.Input - m.Input));
        }, iter: PropertyIterations.Of(300));
    }

    private static Stage2Layout? TryLayout(int ipaBits, Granule g)
    {
        try { return Stage2Layout.For(ipaBits, g, 48); }
        catch (ArgumentException) { return null; }
    }
}
