using Viommu.DtEngine.Diagnostics;

namespace Viommu.DtEngine.Dtb;

/// <summary>
/// What a blob version changes in the layout (dtc's version table): versions 1-3 write each node's full path, align
/// values of 8 bytes or more to 8 and add a "name" property to nodes without one; later fields join the header.
/// </summary>
internal sealed record BlobVersion(int Version, int LastCompatible, int HeaderSize, bool FullPath, bool VarAlign, bool NameProps, bool BootCpuId, bool StringsSize, bool StructSize)
{
    private static readonly BlobVersion[] Known =
    {
        new(1, 1, Fdt.V1HeaderSize, true, true, true, false, false, false),
        new(2, 1, Fdt.V2HeaderSize, true, true, true, true, false, false),
        new(3, 1, Fdt.V3HeaderSize, true, true, true, true, true, false),
        new(16, 16, Fdt.V3HeaderSize, false, false, false, true, true, false),
        new(17, 16, Fdt.V17HeaderSize, false, false, false, true, true, true),
    };

    /// <summary>The version's layout, or dtc's fatal error for an unknown one.</summary>
    public static BlobVersion Get(int version) => Array.Find(Known, v => v.Version == version)
        ?? throw new DtFatalException($"Unknown device tree blob version {version}");
}
