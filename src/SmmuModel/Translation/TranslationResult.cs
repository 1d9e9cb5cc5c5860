using Viommu.SmmuModel.Events;

namespace Viommu.SmmuModel.Translation;

/// <summary>How a transaction ended.</summary>
public enum Outcome
{
    /// <summary>The access reached <see cref="TranslationResult.PhysicalAddress"/>.</summary>
    Ok,
    /// <summary>The access was terminated and an event was recorded.</summary>
    Fault,
    /// <summary>The access was terminated without an event.</summary>
    Abort,
}

/// <summary>The result of one transaction.</summary>
/// <param name="Outcome">Ok, Fault or Abort.</param>
/// <param name="PhysicalAddress">The output address when Ok.</param>
/// <param name="Event">The recorded event (Fault), or the fault whose record was suppressed (Abort by R = 0).</param>
public readonly record struct TranslationResult(Outcome Outcome, ulong PhysicalAddress, SmmuEvent? Event)
{
    public static TranslationResult Success(ulong pa) => new(Outcome.Ok, pa, null);
    public static TranslationResult Recorded(SmmuEvent e) => new(Outcome.Fault, 0, e);
    public static TranslationResult Silent(SmmuEvent? suppressed = null) => new(Outcome.Abort, 0, suppressed);

    /// <summary>The scenario-output line: <c>OK 0x..</c>, <c>FAULT NAME key=value..</c> or <c>ABORT</c>.</summary>
    public string Describe() => Outcome switch
    {
        Outcome.Ok => "OK " + SmmuEvent.Hex(PhysicalAddress),
        Outcome.Fault => "FAULT " + Event!.Describe(),
        _ => "ABORT",
    };

    public override string ToString() => Describe();
}
