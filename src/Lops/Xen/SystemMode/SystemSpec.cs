namespace Viommu.Lops.Xen.SystemMode;

/// <summary>One device a domain asks for: a host node path, or a PCI host bridge with requester-ID ranges.</summary>
public sealed record DeviceRequest(string Path, uint? Vsid, IReadOnlyList<(uint Base, uint Count)> Rids, string Location)
{
    /// <summary>Where the device's first region goes in the guest (the others keep their offsets); null: the host address.</summary>
    public ulong? GuestAddress { get; init; }
    /// <summary>False: the device goes without its interrupts (polled), e.g. when they reach a non-GIC controller.</summary>
    public bool Interrupts { get; init; } = true;

    public bool IsPci => Rids.Count > 0;
}

/// <summary>One guest of the system spec.</summary>
public sealed record GuestSpec
{
    public required string Name { get; init; }
    public required ulong Memory { get; init; }
    public int Vcpus { get; init; } = 1;
    public string? Kernel { get; init; }
    public string? Ramdisk { get; init; }
    public string? Cmdline { get; init; }
    public bool Viommu { get; init; } = true;
    public IReadOnlyList<DeviceRequest> Passthrough { get; init; } = Array.Empty<DeviceRequest>();
    /// <summary>"file:line:column" of the domain in the spec, for messages.</summary>
    public required string Location { get; init; }
}

/// <summary>
/// A whole Xen system: the host tree and its guests with the devices each owns
/// (the YAML of <c>viommu xen system</c>; see the README and schemas/xen-system.schema.json).
/// </summary>
public sealed record SystemSpec
{
    public string? Host { get; init; }
    public required string File { get; init; }
    public XenOptions Options { get; init; } = new();
    /// <summary>The Xen version the guest trees name (xen,xenvm-X.Y, xen,xen-X.Y).</summary>
    public string XenVersion { get; init; } = "4.20";
    /// <summary>Host RAM (start, end) when the host tree has no memory node (the bootloader fills it in).</summary>
    public (ulong Start, ulong End)? HostMemory { get; init; }
    public IReadOnlyList<GuestSpec> Domains { get; init; } = Array.Empty<GuestSpec>();
}
