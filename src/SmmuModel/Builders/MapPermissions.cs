namespace Viommu.SmmuModel.Builders;

/// <summary>Access rights of a mapping.</summary>
[Flags]
public enum MapPermissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Execute = 4,
    ReadWrite = Read | Write,
    All = Read | Write | Execute,
}

/// <summary>One mapping: <c>[Input, Input+Size) -> [Output, Output+Size)</c> with permissions.
/// <paramref name="Device"/> selects device memory attributes; <paramref name="Shared"/> declares that another
/// domain may map the same physical range.</summary>
public readonly record struct Mapping(ulong Input, ulong Output, ulong Size, MapPermissions Permissions,
    bool Device = false, bool Shared = false)
{
    public ulong InputEnd => Input + Size;
    public ulong OutputEnd => Output + Size;
}
