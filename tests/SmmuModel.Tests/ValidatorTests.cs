using Viommu.SmmuModel.Builders;
using Viommu.SmmuModel.Validation;

namespace Viommu.SmmuModel.Tests;

public class ValidatorTests
{
    private static DomainSpec Domain(string name, ushort vmid, ulong ramPa, bool sharedUart = false) => new(name, vmid,
    [
        new Mapping(0x4000_0000, ramPa, 0x2000_0000, MapPermissions.All),                                        // 512 MB RAM
        new Mapping(0x2300_0000, 0x2300_0000 + (ulong)vmid * 0x1_0000, 0x1_0000, MapPermissions.ReadWrite, Device: true),
        new Mapping(0x2200_0000, 0x2200_0000, 0x1000, MapPermissions.ReadWrite, Device: true, Shared: sharedUart),
    ]);

    private static readonly SmmuSpec[] Smmus = [new("smmu@fd800000", 16), new("smmu@fd900000", 8)];

    [Fact]
    public void A_consistent_system_passes()
    {
        var input = new ValidationInput(Smmus,
            [Domain("domU1", 1, 0x8_0000_0000, sharedUart: true), Domain("domU2", 2, 0x9_0000_0000, sharedUart: true)],
            [
                new StreamBinding("smmu@fd800000", 0x10, "domU1"),
                new StreamBinding("smmu@fd800000", 0x11, "domU1", VirtualSid: 0, Stage1: new GuestStage1(0x4010_0000, 0x20_0000)),
                new StreamBinding("smmu@fd800000", 0x12, "domU2"),
                new StreamBinding("smmu@fd900000", 0x10, "domU2", VirtualSid: 1, Stage1: new GuestStage1(0x4000_0000, 0x1000, VaBits: 48)),
            ]);
        var report = Validator.Validate(input);
        Assert.True(report.Passed, string.Join("\n", report.Violations.Select(v => v.Describe())));
        Assert.Equal(4, report.StreamsChecked);
        Assert.True(report.TranslationsPerformed > 20);
        Assert.True(report.LeafRangesChecked >= 9); // three contexts with at least 3 leaves each
    }

    [Fact]
    public void A_streamid_bound_to_two_domains_is_reported()
    {
        var input = new ValidationInput(Smmus, [Domain("a", 1, 0x8_0000_0000), Domain("b", 2, 0x9_0000_0000)],
            [new StreamBinding("smmu@fd800000", 0x20, "a"), new StreamBinding("smmu@fd800000", 0x20, "b")]);
        var v = Assert.Single(Validator.Validate(input).Violations, v => v.Kind == ViolationKind.DoubleBinding);
        Assert.Equal(0x20u, v.StreamId);
        Assert.Contains("bound to both a and b", v.Describe());
    }

    [Fact]
    public void A_vsid_mapped_twice_in_a_domain_is_reported()
    {
        var input = new ValidationInput(Smmus, [Domain("a", 1, 0x8_0000_0000)],
            [new StreamBinding("smmu@fd800000", 0x1, "a", VirtualSid: 3), new StreamBinding("smmu@fd900000", 0x2, "a", VirtualSid: 3)]);
        Assert.Contains(Validator.Validate(input).Violations, v => v.Kind == ViolationKind.DoubleBinding && v.Describe().Contains("vSID 0x3"));
    }

    [Fact]
    public void Physical_memory_reachable_from_two_domains_must_be_declared_shared()
    {
        var input = new ValidationInput(Smmus,
            [Domain("a", 1, 0x8_0000_0000, sharedUart: true), Domain("b", 2, 0x8_1000_0000)], // b's RAM overlaps a's
            [new StreamBinding("smmu@fd800000", 1, "a"), new StreamBinding("smmu@fd800000", 2, "b")]);
        var violations = Validator.Validate(input).Violations.Where(v => v.Kind == ViolationKind.SharedPhysicalRange).ToList();
        Assert.Equal(2, violations.Count); // the RAM overlap, and the UART only a declares shared
        Assert.Contains(violations, v => v.Address == 0x2200_0000);
        Assert.Contains(violations, v => v.Address == 0x8_1000_0000);
    }

    [Fact]
    public void Bad_input_is_reported_not_thrown()
    {
        var overlapping = new DomainSpec("x", 1, [new Mapping(0, 0x8_0000_0000, 0x2000, MapPermissions.Read), new Mapping(0x1000, 0x9_0000_0000, 0x1000, MapPermissions.Read)]);
        var misaligned = new DomainSpec("y", 2, [new Mapping(0x10, 0x8_0000_0000, 0x1000, MapPermissions.Read)]);
        var input = new ValidationInput(Smmus, [overlapping, misaligned],
            [new StreamBinding("nope", 1, "x"), new StreamBinding("smmu@fd800000", 1, "zzz"), new StreamBinding("smmu@fd900000", 0x100, "x")]);
        var kinds = Validator.Validate(input).Violations.Select(v => v.Describe()).ToList();
        Assert.Equal(5, kinds.Count);
        Assert.All(kinds, k => Assert.StartsWith("BadInput", k));
    }

    [Fact]
    public void Scales_to_many_smmus_domains_and_streams()
    {
        // 8 SMMUs x 64 domains x 4096 streams, 4 GB of RAM per domain (the bench measures the time).
        var input = LargeSystem.Build(smmus: 2, domains: 8, streams: 256);
        var report = Validator.Validate(input);
        Assert.True(report.Passed, string.Join("\n", report.Violations.Take(5).Select(v => v.Describe())));
        Assert.Equal(256, report.StreamsChecked);
    }
}
