using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Validation;

namespace Viommu.SmmuModel.Tests;

/// <summary>The validator's checks of its own input, each report in full, and the cases next to each boundary that
/// must pass.</summary>
public sealed class ValidatorInputTests
{
    private static readonly Mapping Ram = new(0x4000_0000, 0x8_0000_0000, 0x2000_0000, MapPermissions.All);

    private static string[] Reports(IReadOnlyList<Mapping> map, IReadOnlyList<StreamBinding>? bindings = null,
        IReadOnlyList<SmmuSpec>? smmus = null, int ipaBits = 40)
    {
        var input = new ValidationInput(smmus ?? [new SmmuSpec("s", 16)], [new DomainSpec("d", 1, map)],
            bindings ?? [new StreamBinding("s", 1, "d")], IpaBits: ipaBits);
        return Validator.Validate(input).Violations.Select(v => v.Describe()).ToArray();
    }

    [Fact]
    public void A_consistent_domain_passes() => Assert.Empty(Reports([Ram]));

    [Theory]
    [InlineData(0x4000_0800UL, 0x8_0000_0000UL, 0x1000UL, "0x40000800+0x1000 -> 0x800000000")]
    [InlineData(0x4000_0000UL, 0x8_0000_0800UL, 0x1000UL, "0x40000000+0x1000 -> 0x800000800")]
    [InlineData(0x4000_0000UL, 0x8_0000_0000UL, 0x800UL, "0x40000000+0x800 -> 0x800000000")]
    [InlineData(0x4000_0000UL, 0x8_0000_0000UL, 0UL, "0x40000000+0x0 -> 0x800000000")]
    public void Mappings_must_be_page_aligned_and_not_empty(ulong ipa, ulong pa, ulong size, string described)
        => Assert.Equal([$"BadInput domain=d addr=0x{ipa:x}: expected mappings aligned to 4096 bytes, got {described}"],
            Reports([new Mapping(ipa, pa, size, MapPermissions.ReadWrite)]));

    [Fact]
    public void Mappings_must_stay_below_the_ipa_size()
    {
        Assert.Equal(["BadInput domain=d addr=0xfffffff000: expected IPAs below 2^40, got 0xfffffff000+0x2000"],
            Reports([new Mapping(0xff_ffff_f000, 0x8_0000_0000, 0x2000, MapPermissions.ReadWrite)]));
        // ending exactly at 2^40 is fine
        Assert.DoesNotContain(Reports([new Mapping(0xff_ffff_f000, 0x8_0000_0000, 0x1000, MapPermissions.ReadWrite)]), r => r.StartsWith("BadInput"));
    }

    [Fact]
    public void Mappings_must_not_overlap()
    {
        Assert.Equal(["BadInput domain=d addr=0x5fffe000: expected IPA ranges that do not overlap, got overlap with 0x40000000+0x20000000"],
            Reports([Ram, new Mapping(0x5fff_e000, 0x9_0000_0000, 0x4000, MapPermissions.ReadWrite)]));
        Assert.Empty(Reports([Ram, new Mapping(0x6000_0000, 0x9_0000_0000, 0x4000, MapPermissions.ReadWrite)])); // touching is fine
    }

    [Fact]
    public void Bindings_must_name_known_smmus_and_domains_and_fit_the_streamid_width()
    {
        Assert.Equal(["BadInput smmu=t sid=0x1 domain=d: expected a known SMMU, got an unknown name"],
            Reports([Ram], [new StreamBinding("t", 1, "d")]));
        Assert.Equal(["BadInput smmu=s sid=0x1 domain=e: expected a known domain, got an unknown name"],
            Reports([Ram], [new StreamBinding("s", 1, "e")]));
        Assert.Equal(["BadInput smmu=s sid=0x100 domain=d: expected a StreamID below 2^8, got one beyond it"],
            Reports([Ram], [new StreamBinding("s", 0x100, "d")], [new SmmuSpec("s", 8)]));
        Assert.Empty(Reports([Ram], [new StreamBinding("s", 0xff, "d")], [new SmmuSpec("s", 8)]));
        Assert.Empty(Reports([Ram], [new StreamBinding("s", 0xffff_ffff, "d")], [new SmmuSpec("s", 32)]));
    }

    [Fact]
    public void Names_must_be_unique()
    {
        var input = new ValidationInput([new SmmuSpec("s"), new SmmuSpec("s")],
            [new DomainSpec("d", 1, [Ram]), new DomainSpec("d", 2, [Ram])], [new StreamBinding("s", 1, "d")]);
        var reports = Validator.Validate(input).Violations.Select(v => v.Describe()).ToArray();
        Assert.Contains("BadInput smmu=s: expected unique SMMU names, got a duplicate", reports);
        Assert.Contains("BadInput domain=d: expected unique domain names, got a duplicate", reports);
    }

    [Fact]
    public void A_guest_stage1_needs_an_aligned_window_inside_ram_and_room_for_its_tables()
    {
        const string expected = "expected a granule-aligned stage-1 window inside the domain's RAM, and 4 MB of RAM for guest tables, got neither";
        StreamBinding Nested(ulong ipa, ulong size) => new("s", 1, "d", VirtualSid: 0, Stage1: new GuestStage1(ipa, size));
        Assert.Equal([$"BadInput smmu=s sid=0x1 domain=d addr=0x40000800: {expected}"], Reports([Ram], [Nested(0x4000_0800, 0x1000)]));
        Assert.Equal([$"BadInput smmu=s sid=0x1 domain=d addr=0x40000000: {expected}"], Reports([Ram], [Nested(0x4000_0000, 0)]));
        Assert.Equal([$"BadInput smmu=s sid=0x1 domain=d addr=0x5ffff000: {expected}"], Reports([Ram], [Nested(0x5fff_f000, 0x2000)]));
        Assert.Equal([$"BadInput smmu=s sid=0x1 domain=d addr=0x30000000: {expected}"], Reports([Ram], [Nested(0x3000_0000, 0x1000)]));
        var small = new Mapping(0x4000_0000, 0x8_0000_0000, 0x3f_f000, MapPermissions.All); // just under 4 MB
        Assert.Equal([$"BadInput smmu=s sid=0x1 domain=d addr=0x40000000: {expected}"], Reports([small], [Nested(0x4000_0000, 0x1000)]));
        var enough = new Mapping(0x4000_0000, 0x8_0000_0000, 0x40_0000, MapPermissions.All);
        Assert.Empty(Reports([enough], [Nested(0x4000_0000, 0x1000)]));
        // The tables go into the largest writable RAM mapping, not into a device window or a read-only one.
        var device = new Mapping(0x1000_0000, 0x1000_0000, 0x100_0000, MapPermissions.ReadWrite, Device: true);
        var readOnly = new Mapping(0x2000_0000, 0xa_0000_0000, 0x800_0000, MapPermissions.Read);
        Assert.Empty(Reports([device, readOnly, enough], [Nested(0x4000_0000, 0x1000)]));
    }

    [Fact]
    public void Hypervisor_tables_go_to_the_lowest_free_gigabyte()
    {
        // RAM in the first and third gigabytes: the tables take the second; with the second taken too, the fourth.
        var low = new Mapping(0x4000_0000, 0x0, 0x4000_0000, MapPermissions.All);
        var third = new Mapping(0x8000_0000, 0x8000_0000, 0x4000_0000, MapPermissions.All);
        Assert.Empty(Reports([low, third]));
        var second = new Mapping(0xc000_0000, 0x4000_0000, 0x1000, MapPermissions.All);
        Assert.Empty(Reports([low, third, second]));
        // No free gigabyte below a 32-bit OAS: reported.
        var all = new Mapping(0x0, 0x0, 0x1_0000_0000, MapPermissions.All);
        Assert.Equal(["BadInput smmu=s: expected a free 1 GB physical window for tables, got none below the OAS"],
            Reports([all], smmus: [new SmmuSpec("s", 16, OasBits: 32)]));
    }
}
