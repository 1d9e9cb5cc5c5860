using System.Globalization;
using System.Text;

namespace Viommu.SmmuModel.Events;

/// <summary>
/// An event record: what stopped a transaction, with the fields the model reports.
/// </summary>
/// <param name="Type">The event type.</param>
/// <param name="StreamId">The transaction's StreamID.</param>
/// <param name="SubstreamId">The SubstreamID, when the transaction carried one.</param>
/// <param name="InputAddress">The transaction's input address, unmodified.</param>
/// <param name="Stage">1 or 2 for faults raised by a translation stage; 0 otherwise.</param>
/// <param name="Ipa">For stage-2 faults: the IPA being translated (the input, a descriptor's or the CD's IPA).</param>
/// <param name="Class">For stage-2 faults: what the IPA was for.</param>
/// <param name="FetchAddress">For fetch aborts: the address whose read failed.</param>
public sealed record SmmuEvent(
    EventType Type,
    uint StreamId,
    uint? SubstreamId,
    ulong InputAddress,
    int Stage = 0,
    ulong Ipa = 0,
    FaultClass Class = FaultClass.Input,
    ulong? FetchAddress = null)
{
    /// <summary>The scenario-output form: <c>NAME key=value ...</c>.</summary>
    public string Describe()
    {
        var sb = new StringBuilder(Type.ToString());
        if (Type.IsStageFault())
        {
            sb.Append(" stage=").Append(Stage.ToString(CultureInfo.InvariantCulture));
            if (Stage == 2) sb.Append(" ipa=").Append(Hex(Ipa));
            else sb.Append(" va=").Append(Hex(InputAddress));
        }
        else
        {
            sb.Append(" sid=").Append(Hex(StreamId));
            if (SubstreamId is { } ssid) sb.Append(" ssid=").Append(Hex(ssid));
        }
        return sb.ToString();
    }

    internal static string Hex(ulong v) => "0x" + v.ToString("x", CultureInfo.InvariantCulture);

    public override string ToString() => Describe();
}
