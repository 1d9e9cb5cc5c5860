using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Events;
using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;
using Viommu.SmmuModel.Walk;

namespace Viommu.SmmuModel.Tests;

/// <summary>Stage-1 permissions bit by bit (AP, PXN, UXN, the hierarchical table bits, WXN, the EL2 regime), and
/// what a walk reports: the IPA only for stage-2 faults, table attributes gathered only at stage 1.</summary>
public sealed class PermissionTests
{
    private const ulong Ap1 = 1UL << 6, Ap2 = 1UL << 7, Pxn = 1UL << 53, Uxn = 1UL << 54;
    private const ulong PxnTable = 1UL << 59, XnTable = 1UL << 60, ApTable0 = 1UL << 61, ApTable1 = 1UL << 62;

    [Theory]
    // EL2 regime: AP[2] read-only, XN (bit 54), XNTable, WXN; AP[1] and PXN do not matter.
    [InlineData(0UL, 0UL, AccessKind.Write, false, true, false, true)]
    [InlineData(Ap2, 0UL, AccessKind.Write, false, true, false, false)]
    [InlineData(0UL, ApTable1, AccessKind.Write, false, true, false, false)]
    [InlineData(Ap2, 0UL, AccessKind.Read, false, true, false, true)]
    [InlineData(Pxn, 0UL, AccessKind.Execute, false, true, false, true)]
    [InlineData(Uxn, 0UL, AccessKind.Execute, false, true, false, false)]
    [InlineData(0UL, XnTable, AccessKind.Execute, false, true, false, false)]
    [InlineData(0UL, 0UL, AccessKind.Execute, false, true, true, false)]     // WXN: writable is not executable
    [InlineData(Ap2, 0UL, AccessKind.Execute, false, true, true, true)]
    // EL1, privileged.
    [InlineData(0UL, 0UL, AccessKind.Write, true, false, false, true)]
    [InlineData(Ap2, 0UL, AccessKind.Write, true, false, false, false)]
    [InlineData(0UL, 0UL, AccessKind.Execute, true, false, false, true)]
    [InlineData(Pxn, 0UL, AccessKind.Execute, true, false, false, false)]
    [InlineData(0UL, PxnTable, AccessKind.Execute, true, false, false, false)]
    [InlineData(Uxn, 0UL, AccessKind.Execute, true, false, false, true)]
    [InlineData(Ap1, 0UL, AccessKind.Execute, true, false, false, false)]    // user-writable: never privileged-executable
    [InlineData(Ap1 | Ap2, 0UL, AccessKind.Execute, true, false, false, true)]
    [InlineData(Ap1, ApTable0, AccessKind.Execute, true, false, false, true)] // APTable[0] takes the user access away
    [InlineData(0UL, 0UL, AccessKind.Execute, true, false, true, false)]
    [InlineData(Ap2, 0UL, AccessKind.Execute, true, false, true, true)]
    // EL1, unprivileged: needs AP[1].
    [InlineData(0UL, 0UL, AccessKind.Write, false, false, false, false)]
    [InlineData(Ap1, 0UL, AccessKind.Write, false, false, false, true)]
    [InlineData(Ap1 | Ap2, 0UL, AccessKind.Write, false, false, false, false)]
    [InlineData(Ap1, ApTable0, AccessKind.Write, false, false, false, false)]
    [InlineData(Ap1, ApTable1, AccessKind.Write, false, false, false, false)]
    [InlineData(Ap1, 0UL, AccessKind.Execute, false, false, false, true)]
    [InlineData(Ap1 | Uxn, 0UL, AccessKind.Execute, false, false, false, false)]
    [InlineData(Ap1 | Pxn, 0UL, AccessKind.Execute, false, false, false, true)]
    [InlineData(Ap1, XnTable, AccessKind.Execute, false, false, false, false)]
    [InlineData(Ap1, 0UL, AccessKind.Execute, false, false, true, false)]
    [InlineData(Ap1 | Ap2, 0UL, AccessKind.Execute, false, false, true, true)]
    public void Stage1(ulong descriptor, ulong table, AccessKind access, bool privileged, bool el2, bool wxn, bool allowed)
        => Assert.Equal(allowed, Permissions.Stage1Allows(descriptor, table, access, privileged, el2, wxn));

    /// <summary>Stage-1 (39-bit) and stage-2 (40-bit) tables in one memory, each mapping page 0x1000 to itself.</summary>
    private static (PhysicalMemory Memory, PageTableBuilder Stage1, PageTableBuilder Stage2) OnePageEachStage()
    {
        var memory = new PhysicalMemory();
        var allocator = new MemoryAllocator(0x100_0000, 0x200_0000);
        var s1 = new PageTableBuilder(memory, allocator, 1, Granule.Size4K, 1, 39);
        s1.Map(new Mapping(0x1000, 0x1000, 0x1000, MapPermissions.All));
        var s2 = new PageTableBuilder(memory, allocator, 2, Granule.Size4K, 1, 40);
        s2.Map(new Mapping(0x1000, 0x1000, 0x1000, MapPermissions.All));
        return (memory, s1, s2);
    }

    [Fact]
    public void Walks_report_the_ipa_only_for_stage_2_faults()
    {
        var (memory, s1, s2) = OnePageEachStage();
        var walker = new TableWalker(memory);
        var fault2 = walker.Walk(s2.Tables(48), 0x5000);
        Assert.Equal((EventType.F_TRANSLATION, 2, 0x5000UL), (fault2.Fault!.Value, fault2.FaultStage, fault2.FaultIpa));
        var fault1 = walker.Walk(s1.Tables(48), 0x5000);
        Assert.Equal((EventType.F_TRANSLATION, 1, 0UL), (fault1.Fault!.Value, fault1.FaultStage, fault1.FaultIpa));
        memory.AddAbortRegion(s2.Root, 8);
        var abort = walker.Walk(s2.Tables(48), 0x1000);
        Assert.Equal((EventType.F_WALK_EABT, 2, 0x1000UL, s2.Root), (abort.Fault!.Value, abort.FaultStage, abort.FaultIpa, abort.FetchAddress));
    }

    [Fact]
    public void Table_attributes_gather_at_stage_1_only()
    {
        var (memory, s1, s2) = OnePageEachStage();
        foreach (var root in new[] { s1.Root, s2.Root })
            memory.Write64(root, memory.Read64(root) | PxnTable | XnTable | ApTable1);  // the level-1 table descriptor
        var walker = new TableWalker(memory);
        Assert.Equal(PxnTable | XnTable | ApTable1, walker.Walk(s1.Tables(48), 0x1000).TableAttributes);
        Assert.Equal(0UL, walker.Walk(s2.Tables(48), 0x1000).TableAttributes);
        // Gathered from every level: an APTable bit on the level-2 table descriptor too.
        var l2 = memory.Read64(s1.Root) & Bits.Mask(48) & ~0xfffUL;
        memory.Write64(l2, memory.Read64(l2) | ApTable0);
        Assert.Equal(PxnTable | XnTable | ApTable1 | ApTable0, walker.Walk(s1.Tables(48), 0x1000).TableAttributes);
    }
}
