namespace Viommu.DtEngine.Model;

/// <summary>A /memreserve/ entry.</summary>
public sealed class ReserveEntry
{
    public ReserveEntry(ulong address, ulong size)
    {
        Address = address;
        Size = size;
    }

    public ulong Address { get; }
    public ulong Size { get; }
    public List<Label> Labels { get; } = new();
}
