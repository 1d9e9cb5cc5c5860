using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Translation;

/// <summary>
/// A simulated SMMUv3: registers plus memory. <see cref="Translate"/> applies the architecture's
/// configuration lookup and translation to one transaction, reading every structure from memory
/// (there are no caches, so a change in memory takes effect at once).
/// </summary>
public sealed class Smmu
{
    private readonly TableWalker _walker;

    public Smmu(SmmuRegisters registers, PhysicalMemory memory)
    {
        Registers = registers;
        Memory = memory;
        _walker = new TableWalker(memory);
    }

    public SmmuRegisters Registers { get; }
    public PhysicalMemory Memory { get; }

    /// <summary>Where the transaction lands, or which event stops it.</summary>
    public TranslationResult Translate(in Transaction tx)
    {
        var regs = Registers;
        if (!regs.SmmuEnabled)
        {
            // Disabled: GBPA decides; addresses beyond the OAS abort without an event.
            if (regs.GlobalAbort || Bits.Exceeds(tx.Address, regs.OasBits)) return TranslationResult.Silent();
            return TranslationResult.Success(tx.Address);
        }

        var lookup = StreamTableLookup.Find(regs, Memory, tx.StreamId);
        if (lookup.Event is { } lookupEvent) return TranslationResult.Recorded(Config(lookupEvent, tx, lookup.FetchAddress));
        if (!TryReadSte(lookup.SteAddress, out var ste))
            return TranslationResult.Recorded(Config(EventType.F_STE_FETCH, tx, lookup.SteAddress));
        if (ConfigurationChecks.SteIllegal(ste, regs) is not null) return TranslationResult.Recorded(Config(EventType.C_BAD_STE, tx));

        var stage1 = ste.Stage1Enabled;
        var substreamsOn = stage1 && regs.SsidSize != 0 && ste.S1CdMax != 0;
        if (tx.SubstreamId is { } ssid && (!substreamsOn || ssid >= 1u << ste.S1CdMax))
            return TranslationResult.Recorded(Config(EventType.C_BAD_SUBSTREAMID, tx));
        if (ste.Config == (int)SteConfig.Abort) return TranslationResult.Silent();

        var access = EffectiveAccess(tx.Access, ste.InstCfg);
        var privileged = ste.PrivCfg switch { 0b10 => false, 0b11 => true, _ => tx.Privileged };

        if (ste.Config == (int)SteConfig.Bypass)
        {
            if (Bits.Exceeds(tx.Address, regs.OasBits)) return TranslationResult.Recorded(StageFault(EventType.F_ADDR_SIZE, tx, 1));
            return TranslationResult.Success(tx.Address);
        }

        StageTables s2 = default;
        if (ste.Stage2Enabled)
        {
            var g = GranuleInfo.FromTg0(ste.S2Tg)!.Value;
            s2 = StageTables.Create(2, g, g.Stage2StartLevel(ste.S2Sl0)!.Value, 64 - ste.S2T0Sz, ste.S2Ttb,
                ConfigurationChecks.Stage2OutputBits(ste, regs, g), ste.S2Affd);
        }

        var bypassStage1 = !stage1;
        uint cdIndex = 0;
        if (substreamsOn)
        {
            if (tx.SubstreamId is { } s)
            {
                if (s == 0 && ste.S1Dss == 0b10) return TranslationResult.Recorded(Config(EventType.F_STREAM_DISABLED, tx));
                cdIndex = s;
            }
            else if (ste.S1Dss == 0b01) bypassStage1 = true;
            else if (ste.S1Dss != 0b10) return TranslationResult.Recorded(Config(EventType.F_STREAM_DISABLED, tx));
        }

        ulong ipa;
        if (bypassStage1)
        {
            if (Bits.Exceeds(tx.Address, regs.IasBits)) return TranslationResult.Recorded(StageFault(EventType.F_ADDR_SIZE, tx, 1));
            ipa = tx.Address;
        }
        else
        {
            var stage1Result = TranslateStage1(ste, s2, tx, cdIndex, substreamsOn, access, privileged, out ipa);
            if (stage1Result is { } stopped) return stopped;
        }

        if (!ste.Stage2Enabled) return TranslationResult.Success(ipa & Bits.Mask(regs.OasBits));

        var final = _walker.TranslateStage2(s2, ipa, access, FaultClass.Input);
        if (final.IsFault) return Stage2Fault(final, tx, ste);
        return TranslationResult.Success(final.OutputAddress);
    }

    /// <summary>Stage 1 for a translating STE: CD fetch, CD checks, TTB selection, walk, permissions.
    /// Returns null with the IPA (or PA) on success.</summary>
    private TranslationResult? TranslateStage1(in StreamTableEntry ste, in StageTables s2, in Transaction tx,
        uint cdIndex, bool substreamsOn, AccessKind access, bool privileged, out ulong output)
    {
        output = 0;
        var regs = Registers;
        var nested = ste.Stage2Enabled;

        var cdFetch = FetchCd(ste, s2, tx, cdIndex, substreamsOn, out var cd);
        if (cdFetch is { } cdStopped) return cdStopped;
        if (ConfigurationChecks.CdIllegal(cd, ste, regs) is not null) return TranslationResult.Recorded(Config(EventType.C_BAD_CD, tx));

        var el2World = ste.Strw == 0b10;
        var va = tx.Address;
        var upper = Bits.Bit(va, 55);
        var useTtb1 = upper && !el2World;
        var tbi = useTtb1 ? cd.Tbi1 : cd.Tbi0;
        var tsz = useTtb1 ? cd.T1Sz : cd.T0Sz;
        var inputBits = 64 - tsz;
        var addrTop = tbi ? 55 : 63;
        var high = Bits.Field(va, addrTop, inputBits);
        var expected = useTtb1 ? Bits.Mask(addrTop - inputBits + 1) : 0;
        if (high != expected || (useTtb1 ? cd.Epd1 : cd.Epd0))
            return Stage1Fault(EventType.F_TRANSLATION, tx, cd);

        var granule = (useTtb1 ? GranuleInfo.FromTg1(cd.Tg1) : GranuleInfo.FromTg0(cd.Tg0))!.Value;
        var s1 = StageTables.Create(1, granule, granule.Stage1StartLevel(inputBits), inputBits,
            useTtb1 ? cd.Ttb1 : cd.Ttb0, ConfigurationChecks.Stage1OutputBits(cd, regs, granule), cd.Affd);
        var walkInput = va & Bits.Mask(inputBits);
        var walk = nested ? _walker.WalkNested(s1, walkInput, s2) : _walker.Walk(s1, walkInput);
        if (walk.IsFault)
        {
            if (walk.FaultStage == 2) return Stage2Fault(walk, tx, ste);
            if (walk.Fault == EventType.F_WALK_EABT)
                return TranslationResult.Recorded(StageFault(EventType.F_WALK_EABT, tx, 1, fetch: walk.FetchAddress));
            return Stage1Fault(walk.Fault!.Value, tx, cd);
        }
        if (!Permissions.Stage1Allows(walk.Descriptor, walk.TableAttributes, access, privileged, el2World, cd.Wxn))
            return Stage1Fault(EventType.F_PERMISSION, tx, cd);
        output = walk.OutputAddress;
        return null;
    }

    /// <summary>Finds and reads the CD (through stage 2 when nested), following S1Fmt.</summary>
    private TranslationResult? FetchCd(in StreamTableEntry ste, in StageTables s2, in Transaction tx, uint index,
        bool substreamsOn, out ContextDescriptor cd)
    {
        cd = default;
        var address = ste.S1ContextPtr;
        if (substreamsOn)
        {
            var fmt = ste.S1Fmt == 3 ? 0 : ste.S1Fmt;
            if (fmt == 0) address += 64UL * index;
            else
            {
                var leafBits = fmt == 1 ? 6 : 10;
                var l1Index = ste.S1CdMax <= leafBits ? 0 : index >> leafBits;
                var l1Address = address + 8UL * l1Index;
                var read = ReadConfigWord(ste, s2, tx, l1Address, out var l1);
                if (read is { } stopped) return stopped;
                if ((l1 & 1) == 0) return TranslationResult.Recorded(Config(EventType.C_BAD_SUBSTREAMID, tx));
                address = Bits.Range(l1, 51, 12) + 64UL * (index & (uint)Bits.Mask(leafBits));
            }
        }

        if (ConfigToPhysical(ste, s2, tx, address, out var pa) is { } cdStopped) return cdStopped;
        Span<ulong> w = stackalloc ulong[4];
        for (var i = 0; i < 4; i++)
            if (!Memory.TryRead64(pa + (ulong)(8 * i), out w[i]))
                return TranslationResult.Recorded(Config(EventType.F_CD_FETCH, tx, pa + (ulong)(8 * i)));
        cd = new ContextDescriptor(w[0], w[1], w[2], w[3]);
        return null;
    }

    private TranslationResult? ReadConfigWord(in StreamTableEntry ste, in StageTables s2, in Transaction tx, ulong address, out ulong value)
    {
        value = 0;
        if (ConfigToPhysical(ste, s2, tx, address, out var pa) is { } stopped) return stopped;
        if (!Memory.TryRead64(pa, out value)) return TranslationResult.Recorded(Config(EventType.F_CD_FETCH, tx, pa));
        return null;
    }

    /// <summary>A CD-table address as a PA: translated by stage 2 (as a read, class CD) when stage 2 is on.</summary>
    private TranslationResult? ConfigToPhysical(in StreamTableEntry ste, in StageTables s2, in Transaction tx, ulong address, out ulong pa)
    {
        pa = address;
        if (!ste.Stage2Enabled) return null;
        var t = _walker.TranslateStage2(s2, address, AccessKind.Read, FaultClass.Cd);
        if (t.IsFault) return Stage2Fault(t, tx, ste);
        pa = t.OutputAddress;
        return null;
    }

    private bool TryReadSte(ulong address, out StreamTableEntry ste)
    {
        ste = default;
        if (!Memory.TryRead64(address, out var w0) || !Memory.TryRead64(address + 8, out var w1)
            || !Memory.TryRead64(address + 16, out var w2) || !Memory.TryRead64(address + 24, out var w3))
            return false;
        // The words the model does not decode must still be readable: an abort anywhere in the STE fails the fetch.
        if (Memory.IsAbort(address + 32, 32)) return false;
        ste = new StreamTableEntry(w0, w1, w2, w3);
        return true;
    }

    private static AccessKind EffectiveAccess(AccessKind incoming, int instCfg) => (incoming, instCfg) switch
    {
        (AccessKind.Execute, 0b10) => AccessKind.Read,
        (AccessKind.Read, 0b11) => AccessKind.Execute,
        _ => incoming,
    };

    private static SmmuEvent Config(EventType type, in Transaction tx, ulong? fetch = null) =>
        new(type, tx.StreamId, tx.SubstreamId, tx.Address, FetchAddress: fetch);

    private static SmmuEvent StageFault(EventType type, in Transaction tx, int stage, ulong ipa = 0,
        FaultClass cls = FaultClass.Input, ulong? fetch = null) =>
        new(type, tx.StreamId, tx.SubstreamId, tx.Address, stage, ipa, cls, fetch);

    private static TranslationResult Stage1Fault(EventType type, in Transaction tx, in ContextDescriptor cd)
    {
        var e = StageFault(type, tx, 1);
        return cd.Record || cd.Stall ? TranslationResult.Recorded(e) : TranslationResult.Silent(e);
    }

    private static TranslationResult Stage2Fault(in WalkOutcome walk, in Transaction tx, in StreamTableEntry ste)
    {
        var type = walk.Fault!.Value;
        var e = StageFault(type, tx, 2, walk.FaultIpa, walk.FaultClass, type == EventType.F_WALK_EABT ? walk.FetchAddress : null);
        if (type.IsTranslationRelated() && !ste.S2Record && !ste.S2Stall) return TranslationResult.Silent(e);
        return TranslationResult.Recorded(e);
    }
}
