namespace Viommu.SmmuModel.Translation;

/// <summary>The kind of a device access.</summary>
public enum AccessKind
{
    Read,
    Write,
    Execute,
}

/// <summary>A device's access as it reaches the SMMU.</summary>
/// <param name="StreamId">The StreamID.</param>
/// <param name="Address">The 64-bit input address.</param>
/// <param name="Access">Read, write or instruction fetch.</param>
/// <param name="SubstreamId">The SubstreamID, when the access carries one (SSV = 1).</param>
/// <param name="Privileged">The incoming privilege attribute; devices are normally unprivileged.</param>
public readonly record struct Transaction(
    uint StreamId,
    ulong Address,
    AccessKind Access = AccessKind.Read,
    uint? SubstreamId = null,
    bool Privileged = false);
