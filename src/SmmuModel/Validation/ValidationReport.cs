using System.Globalization;
using System.Text;

namespace Viommu.SmmuModel.Validation;

/// <summary>Kinds of violation the validator reports.</summary>
public enum ViolationKind
{
    /// <summary>The input itself is inconsistent (unknown names, overlapping or misaligned maps).</summary>
    BadInput,
    /// <summary>A StreamID of one SMMU is bound to two domains, or a vSID twice in one domain.</summary>
    DoubleBinding,
    /// <summary>The built stage-2 tables do not reach exactly the domain's map.</summary>
    MapMismatch,
    /// <summary>A stream's translation did not give the expected result.</summary>
    WrongTranslation,
    /// <summary>An unbound StreamID translated.</summary>
    UnboundStreamTranslates,
    /// <summary>A physical range is reachable from two domains and not declared shared by both.</summary>
    SharedPhysicalRange,
}

/// <summary>One violation, with where it was found and what was expected.</summary>
public sealed record Violation(ViolationKind Kind, string Smmu, uint? StreamId, string? Domain, ulong? Address,
    string Expected, string Actual)
{
    public string Describe()
    {
        var sb = new StringBuilder();
        sb.Append(Kind);
        if (Smmu.Length > 0) sb.Append(" smmu=").Append(Smmu);
        if (StreamId is { } sid) sb.Append(" sid=0x").Append(sid.ToString("x", CultureInfo.InvariantCulture));
        if (Domain is not null) sb.Append(" domain=").Append(Domain);
        if (Address is { } a) sb.Append(" addr=0x").Append(a.ToString("x", CultureInfo.InvariantCulture));
        sb.Append(": expected ").Append(Expected).Append(", got ").Append(Actual);
        return sb.ToString();
    }

    public override string ToString() => Describe();
}

/// <summary>The validator's verdict: every violation, and how much was checked.</summary>
public sealed class ValidationReport
{
    internal ValidationReport(IReadOnlyList<Violation> violations, int leafRanges, long translations, int streams)
    {
        Violations = violations;
        LeafRangesChecked = leafRanges;
        TranslationsPerformed = translations;
        StreamsChecked = streams;
    }

    public IReadOnlyList<Violation> Violations { get; }
    public bool Passed => Violations.Count == 0;
    public int LeafRangesChecked { get; }
    public long TranslationsPerformed { get; }
    public int StreamsChecked { get; }
}
