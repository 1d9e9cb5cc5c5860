using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Validation;

/// <summary>
/// Builds, in one simulated memory per physical SMMU, what a hypervisor would program for the given
/// domains and stream bindings (stream table, one stage-2 table set per domain, guest CDs and stage-1
/// tables for nested streams), then proves by translation that:
/// every bound stream reaches exactly its domain's map with its permissions; nested streams land in their
/// domain's RAM through the STE the map chose; unbound StreamIDs never translate; no StreamID is bound to
/// two domains; and no physical range is reachable from two domains unless both declare it shared.
/// Stage-2 contexts are walked as ranges, so the cost follows the number of mapped ranges and bindings,
/// not the amount of memory mapped.
/// </summary>
public static class Validator
{
    private const ulong TableWindowSize = 1UL << 30;
    private const ulong GuestTableArea = 1UL << 21;

    public static ValidationReport Validate(ValidationInput input)
    {
        var run = new Run(input);
        run.Execute();
        return new ValidationReport(run.Violations, run.LeafRanges, run.Translations, run.Streams);
    }

    private sealed class Run
    {
        private readonly ValidationInput _input;
        private readonly Dictionary<string, DomainMap> _domains = new(StringComparer.Ordinal);
        private readonly Dictionary<string, SmmuSpec> _smmus = new(StringComparer.Ordinal);
        private readonly HashSet<string> _badDomains = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<LeafRange>> _reachable = new(StringComparer.Ordinal);
        private ulong? _tableWindow;

        public Run(ValidationInput input) => _input = input;

        public List<Violation> Violations { get; } = new();
        public int LeafRanges { get; private set; }
        public long Translations { get; private set; }
        public int Streams { get; private set; }

        private ulong PageSize => 1UL << _input.Stage2Granule.Bits();

        public void Execute()
        {
            CheckInput();
            var bindings = CheckBindings();
            foreach (var group in bindings.GroupBy(b => b.Smmu, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
                ValidateSmmu(_smmus[group.Key], group.ToList());
            CheckSharedPhysicalRanges();
        }

        private void Report(ViolationKind kind, string smmu, uint? sid, string? domain, ulong? address, string expected, string actual) =>
            Violations.Add(new Violation(kind, smmu, sid, domain, address, expected, actual));

        private void CheckInput()
        {
            foreach (var s in _input.Smmus)
                if (!_smmus.TryAdd(s.Name, s)) Report(ViolationKind.BadInput, s.Name, null, null, null, "unique SMMU names", "a duplicate");
            foreach (var d in _input.Domains)
            {
                if (!_domains.TryAdd(d.Name, new DomainMap(d)))
                {
                    Report(ViolationKind.BadInput, "", null, d.Name, null, "unique domain names", "a duplicate");
                    continue;
                }
                var map = _domains[d.Name];
                Mapping? previous = null;
                foreach (var m in map.Sorted)
                {
                    if (((m.Input | m.Output | m.Size) & (PageSize - 1)) != 0 || m.Size == 0)
                        Bad(d.Name, m.Input, $"mappings aligned to {PageSize} bytes", $"0x{m.Input:x}+0x{m.Size:x} -> 0x{m.Output:x}");
                    else if (Bits.Exceeds(m.InputEnd - 1, _input.IpaBits) || m.InputEnd < m.Input)
                        Bad(d.Name, m.Input, $"IPAs below 2^{_input.IpaBits}", $"0x{m.Input:x}+0x{m.Size:x}");
                    else if (previous is { } p && p.InputEnd > m.Input)
                        Bad(d.Name, m.Input, "IPA ranges that do not overlap", $"overlap with 0x{p.Input:x}+0x{p.Size:x}");
                    previous = m;
                }
            }
        }

        private void Bad(string domain, ulong address, string expected, string actual)
        {
            Report(ViolationKind.BadInput, "", null, domain, address, expected, actual);
            _badDomains.Add(domain);
        }

        /// <summary>Rejects bindings that name unknown things and reports double bindings; returns the
        /// bindings to build (the first binding wins for a doubly bound StreamID).</summary>
        private List<StreamBinding> CheckBindings()
        {
            var count = _input.Bindings.Count;
            var usable = new List<StreamBinding>(count);
            var byStream = new Dictionary<(string, uint), StreamBinding>(count);
            var byVsid = new Dictionary<(string, string, uint), StreamBinding>(count);
            foreach (var b in _input.Bindings)
            {
                if (!_smmus.TryGetValue(b.Smmu, out var smmu))
                {
                    Report(ViolationKind.BadInput, b.Smmu, b.PhysicalSid, b.Domain, null, "a known SMMU", "an unknown name");
                    continue;
                }
                if (!_domains.ContainsKey(b.Domain))
                {
                    Report(ViolationKind.BadInput, b.Smmu, b.PhysicalSid, b.Domain, null, "a known domain", "an unknown name");
                    continue;
                }
                if (smmu.SidBits < 32 && b.PhysicalSid >> smmu.SidBits != 0)
                {
                    Report(ViolationKind.BadInput, b.Smmu, b.PhysicalSid, b.Domain, null, $"a StreamID below 2^{smmu.SidBits}", "one beyond it");
                    continue;
                }
                if (byStream.TryGetValue((b.Smmu, b.PhysicalSid), out var first))
                {
                    if (first.Domain != b.Domain)
                        Report(ViolationKind.DoubleBinding, b.Smmu, b.PhysicalSid, b.Domain, null,
                            $"one domain per StreamID", $"bound to both {first.Domain} and {b.Domain}");
                    continue;
                }
                if (b.VirtualSid is { } vsid)
                {
                    if (byVsid.TryGetValue((b.Domain, b.VirtualSmmu ?? "", vsid), out var other))
                        Report(ViolationKind.DoubleBinding, b.Smmu, b.PhysicalSid, b.Domain, null,
                            $"vSID 0x{vsid:x} mapped once", $"also mapped to {other.Smmu} StreamID 0x{other.PhysicalSid:x}");
                    else byVsid.Add((b.Domain, b.VirtualSmmu ?? "", vsid), b);
                }
                byStream.Add((b.Smmu, b.PhysicalSid), b);
                if (!_badDomains.Contains(b.Domain)) usable.Add(b);
            }
            return usable;
        }

        private void ValidateSmmu(SmmuSpec spec, List<StreamBinding> bindings)
        {
            var memory = new PhysicalMemory();
            var regs = new SmmuRegisters();
            regs.SetOasBits(spec.OasBits);
            regs.SetSidSize(spec.SidBits);
            _tableWindow ??= FindTableWindow();
            var tableBase = _tableWindow.Value;
            if (Bits.Exceeds(tableBase + TableWindowSize - 1, spec.OasBits))
            {
                Report(ViolationKind.BadInput, spec.Name, null, null, null, "a free 1 GB physical window for tables", "none below the OAS");
                return;
            }
            var allocator = new MemoryAllocator(tableBase, tableBase + TableWindowSize);
            var streamTable = spec.SidBits > 8
                ? StreamTableBuilder.TwoLevel(memory, allocator, spec.SidBits, 8)
                : StreamTableBuilder.Linear(memory, allocator, spec.SidBits);
            streamTable.Apply(regs);

            var layout = Stage2Layout.For(_input.IpaBits, _input.Stage2Granule, Math.Min(spec.OasBits, 48));
            var contexts = new Dictionary<string, StageTables>(StringComparer.Ordinal);
            foreach (var name in bindings.Select(b => b.Domain).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal))
            {
                var builder = new PageTableBuilder(memory, allocator, 2, layout.Granule, layout.StartLevel, layout.IpaBits);
                builder.MapAll(_domains[name].Sorted);
                contexts.Add(name, builder.Tables(layout.OutputBits));
            }

            var guestSetups = new Dictionary<(string, GuestStage1), ulong>();
            var built = new List<StreamBinding>(bindings.Count);
            foreach (var b in bindings)
            {
                var domain = _domains[b.Domain];
                SteFields ste;
                if (b.Stage1 is { } s1)
                {
                    var cdIpa = BuildGuestStage1(memory, domain, s1, guestSetups, spec, b);
                    if (cdIpa is null) continue;
                    ste = SteFields.Nested(domain.Spec.Vmid, layout, contexts[b.Domain].Root, cdIpa.Value);
                }
                else ste = SteFields.Stage2Only(domain.Spec.Vmid, layout, contexts[b.Domain].Root);
                streamTable.WriteSte(b.PhysicalSid, ste.Encode());
                built.Add(b);
            }

            var smmu = new Smmu(regs, memory);
            foreach (var (name, tables) in contexts) CheckContext(spec, memory, name, tables);
            // A binding refused above is reported once, not again by every probe of its missing STE.
            foreach (var b in built) ProbeStream(smmu, spec, b);
            ProbeUnbound(smmu, spec, bindings);
        }

        /// <summary>The lowest 1 GB-aligned window no domain maps, for the hypervisor's own tables (the same
        /// for every SMMU; each checks it against its own OAS).</summary>
        private ulong FindTableWindow()
        {
            var used = _domains.Values.SelectMany(d => d.Sorted).Select(m => (m.Output, m.OutputEnd)).OrderBy(r => r.Output).ToList();
            var candidate = TableWindowSize;
            foreach (var (start, end) in used)
            {
                if (end <= candidate) continue;
                if (start >= candidate + TableWindowSize) break;
                candidate = (end + TableWindowSize - 1) & ~(TableWindowSize - 1);
            }
            return candidate;
        }

        /// <summary>Writes a guest CD and identity stage-1 tables into the last 2 MB of the domain's largest
        /// RAM mapping; returns the CD's IPA.</summary>
        private ulong? BuildGuestStage1(PhysicalMemory memory, DomainMap domain, GuestStage1 s1,
            Dictionary<(string, GuestStage1), ulong> cache, SmmuSpec spec, StreamBinding b)
        {
            if (cache.TryGetValue((domain.Spec.Name, s1), out var cached)) return cached;
            var ram = domain.Sorted.Where(m => !m.Device && m.Permissions.HasFlag(MapPermissions.ReadWrite))
                .OrderByDescending(m => m.Size).FirstOrDefault();
            var pageSize = 1UL << s1.Granule.Bits();
            if (ram.Size < GuestTableArea * 2 || ((s1.WindowIpa | s1.WindowSize) & (pageSize - 1)) != 0 || s1.WindowSize == 0
                || domain.Find(s1.WindowIpa) is null || domain.Find(s1.WindowIpa + s1.WindowSize - 1) is null)
            {
                Report(ViolationKind.BadInput, spec.Name, b.PhysicalSid, domain.Spec.Name, s1.WindowIpa,
                    "a granule-aligned stage-1 window inside the domain's RAM, and 4 MB of RAM for guest tables", "neither");
                return null;
            }
            var area = ram.InputEnd - GuestTableArea;
            var allocator = new MemoryAllocator(area, area + GuestTableArea);
            var cdIpa = allocator.Allocate(64, 64);
            var ipsBits = AddressSize.Supported.First(bits => bits >= _input.IpaBits);
            var builder = new PageTableBuilder(memory, allocator, 1, s1.Granule, s1.Granule.Stage1StartLevel(s1.VaBits), s1.VaBits,
                domain.ToPhysical);
            builder.Map(new Mapping(s1.WindowIpa, s1.WindowIpa, s1.WindowSize, MapPermissions.ReadWrite));
            var cd = new CdFields { Granule = s1.Granule, T0Sz = 64 - s1.VaBits, Ttb0 = builder.Root, IpsBits = ipsBits, Asid = domain.Spec.Vmid };
            memory.Write64(domain.ToPhysical(cdIpa), cd.Encode());
            cache.Add((domain.Spec.Name, s1), cdIpa);
            return cdIpa;
        }

        /// <summary>Proof 1, first half: the domain's stage-2 tables reach exactly its map.</summary>
        private void CheckContext(SmmuSpec spec, PhysicalMemory memory, string domainName, in StageTables tables)
        {
            var leaves = TableRanges.Leaves(memory, tables);
            LeafRanges += leaves.Count;
            _reachable.TryAdd(domainName, leaves);
            var actual = DomainMap.Coalesce(leaves.Select(l => (l.Input, l.Output, l.Size, DescriptorEncoding.Stage2Permissions(l.Descriptor))));
            var expected = DomainMap.Coalesce(_domains[domainName].Sorted.Select(m => (m.Input, m.Output, m.Size, m.Permissions)));
            var actualSet = actual.ToHashSet();
            var expectedSet = expected.ToHashSet();
            foreach (var e in expected.Where(e => !actualSet.Contains(e)))
                Report(ViolationKind.MapMismatch, spec.Name, null, domainName, e.Input,
                    $"0x{e.Input:x}+0x{e.Size:x} -> 0x{e.Output:x} {e.Permissions}", "no such range in the stage-2 tables");
            foreach (var a in actual.Where(a => !expectedSet.Contains(a)))
                Report(ViolationKind.MapMismatch, spec.Name, null, domainName, a.Input,
                    "nothing beyond the domain's map", $"0x{a.Input:x}+0x{a.Size:x} -> 0x{a.Output:x} {a.Permissions}");
        }

        /// <summary>Proofs 1 (second half) and 2: translate probes through the stream itself.</summary>
        private void ProbeStream(Smmu smmu, SmmuSpec spec, StreamBinding b)
        {
            Streams++;
            var domain = _domains[b.Domain];
            if (b.Stage1 is { } s1)
            {
                // Through the guest's identity stage 1 and the domain's stage 2: VA = IPA inside the window.
                foreach (var va in new[] { s1.WindowIpa, s1.WindowIpa + s1.WindowSize / 2 & ~7UL, s1.WindowIpa + s1.WindowSize - 8 })
                    Expect(smmu, spec, b, new Transaction(b.PhysicalSid, va, AccessKind.Read), domain.ToPhysical(va));
                // Just past the window the guest mapped nothing: stage 1 must fault.
                var outside = s1.WindowIpa + s1.WindowSize;
                if (!Bits.Exceeds(outside, s1.VaBits))
                    ExpectFault(smmu, spec, b, new Transaction(b.PhysicalSid, outside, AccessKind.Read), EventType.F_TRANSLATION, 1);
                return;
            }
            if (!_reachable.TryGetValue(b.Domain, out var leaves)) return;
            foreach (var leaf in leaves)
            {
                var ipa = leaf.Input + (leaf.Size / 2 & ~7UL);
                var found = domain.Find(ipa);
                if (found is null) continue; // reported as a map mismatch already
                var m = found.Value;
                var pa = m.Output + (ipa - m.Input);
                foreach (var access in Accesses)
                {
                    var tx = new Transaction(b.PhysicalSid, ipa, access);
                    if (m.Permissions.HasFlag(Needed(access))) Expect(smmu, spec, b, tx, pa);
                    else ExpectFault(smmu, spec, b, tx, EventType.F_PERMISSION, 2);
                }
            }
            // An IPA just beyond the map's last range must not translate.
            if (domain.Sorted.Count > 0)
            {
                var beyond = domain.Sorted[^1].InputEnd;
                if (!Bits.Exceeds(beyond, _input.IpaBits) && domain.Find(beyond) is null)
                    ExpectFault(smmu, spec, b, new Transaction(b.PhysicalSid, beyond, AccessKind.Read), EventType.F_TRANSLATION, 2);
            }
        }

        private static readonly AccessKind[] Accesses = [AccessKind.Read, AccessKind.Write, AccessKind.Execute];

        private static MapPermissions Needed(AccessKind a) => a switch
        {
            AccessKind.Write => MapPermissions.Write,
            AccessKind.Execute => MapPermissions.Execute,
            _ => MapPermissions.Read,
        };

        private void Expect(Smmu smmu, SmmuSpec spec, StreamBinding b, Transaction tx, ulong pa)
        {
            Translations++;
            var r = smmu.Translate(tx);
            if (r.Outcome != Outcome.Ok || r.PhysicalAddress != pa)
                Report(ViolationKind.WrongTranslation, spec.Name, b.PhysicalSid, b.Domain, tx.Address,
                    $"{tx.Access} OK 0x{pa:x}", r.Describe());
        }

        private void ExpectFault(Smmu smmu, SmmuSpec spec, StreamBinding b, Transaction tx, EventType type, int stage)
        {
            Translations++;
            var r = smmu.Translate(tx);
            if (r.Outcome != Outcome.Fault || r.Event!.Type != type || r.Event.Stage != stage)
                Report(ViolationKind.WrongTranslation, spec.Name, b.PhysicalSid, b.Domain, tx.Address,
                    $"{tx.Access} FAULT {type} stage={stage}", r.Describe());
        }

        /// <summary>Proof 3: StreamIDs no binding names (neighbours of bound ones and the table ends) never translate.</summary>
        private void ProbeUnbound(Smmu smmu, SmmuSpec spec, List<StreamBinding> bindings)
        {
            var bound = bindings.Select(b => b.PhysicalSid).ToHashSet();
            var max = spec.SidBits >= 32 ? uint.MaxValue : (uint)((1UL << spec.SidBits) - 1);
            var candidates = new List<uint>(bound.Count * 2 + 3) { 0, max };
            if (spec.SidBits < 32) candidates.Add(max + 1);
            foreach (var sid in bound)
            {
                if (sid > 0) candidates.Add(sid - 1);
                if (sid < uint.MaxValue) candidates.Add(sid + 1);
            }
            candidates.Sort();
            var probe = _domains.Values.SelectMany(d => d.Sorted).Select(m => m.Input).DefaultIfEmpty(0UL).First();
            for (var i = 0; i < candidates.Count; i++)
            {
                var sid = candidates[i];
                if (bound.Contains(sid) || (i > 0 && candidates[i - 1] == sid)) continue;
                Translations++;
                var r = smmu.Translate(new Transaction(sid, probe, AccessKind.Read));
                if (r.Outcome == Outcome.Ok)
                    Report(ViolationKind.UnboundStreamTranslates, spec.Name, sid, null, probe, "a fault or an abort", r.Describe());
            }
        }

        /// <summary>Proof 4: a physical range reachable from two domains must be declared shared by both.</summary>
        private void CheckSharedPhysicalRanges()
        {
            var ranges = new List<(ulong Start, ulong End, string Domain, bool Shared)>();
            foreach (var (name, leaves) in _reachable)
            {
                var map = _domains[name];
                // Merge physically contiguous leaves so one overlap is reported once, not once per block.
                var start = ranges.Count;
                foreach (var leaf in leaves.OrderBy(l => l.Output))
                {
                    var shared = map.Find(leaf.Input) is { Shared: true };
                    if (ranges.Count > start && ranges[^1].End == leaf.Output && ranges[^1].Shared == shared)
                        ranges[^1] = (ranges[^1].Start, leaf.Output + leaf.Size, name, shared);
                    else ranges.Add((leaf.Output, leaf.Output + leaf.Size, name, shared));
                }
            }
            ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Domain, b.Domain));
            var reported = new HashSet<(string, string, ulong)>();
            var open = new List<(ulong Start, ulong End, string Domain, bool Shared)>();
            foreach (var r in ranges)
            {
                open.RemoveAll(o => o.End <= r.Start);
                foreach (var o in open)
                {
                    if (o.Domain == r.Domain || (o.Shared && r.Shared)) continue;
                    var key = (o.Domain, r.Domain, r.Start);
                    if (reported.Add(key))
                        Report(ViolationKind.SharedPhysicalRange, "", null, r.Domain, r.Start,
                            $"no overlap with {o.Domain} unless both declare it shared",
                            $"PA 0x{Math.Max(o.Start, r.Start):x}-0x{Math.Min(o.End, r.End) - 1:x} reachable from both");
                }
                open.Add(r);
            }
        }
    }
}
