using Viommu.SmmuModel.Structures;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Walk;

/// <summary>VMSAv8-64 permission checks for leaf descriptors.</summary>
public static class Permissions
{
    // Hierarchical table attributes (bits of a table descriptor).
    private const int PxnTable = 59, XnTable = 60, ApTable0 = 61, ApTable1 = 62;

    /// <summary>Stage-1 check. <paramref name="el2World"/>: a single-privilege regime (AP[1] and PXN ignored).</summary>
    public static bool Stage1Allows(ulong descriptor, ulong tableAttributes, AccessKind access, bool privileged,
        bool el2World, bool wxn)
    {
        var readOnly = Bits.Bit(descriptor, 7) || Bits.Bit(tableAttributes, ApTable1);
        if (el2World)
        {
            var writable = !readOnly;
            return access switch
            {
                AccessKind.Write => writable,
                AccessKind.Execute => !(Bits.Bit(descriptor, 54) || Bits.Bit(tableAttributes, XnTable) || (wxn && writable)),
                _ => true,
            };
        }

        var userAccess = Bits.Bit(descriptor, 6) && !Bits.Bit(tableAttributes, ApTable0);
        var userWritable = userAccess && !readOnly;
        if (privileged)
        {
            var writable = !readOnly;
            return access switch
            {
                AccessKind.Write => writable,
                // Memory writable by unprivileged accesses is never privileged-executable.
                AccessKind.Execute => !(Bits.Bit(descriptor, 53) || Bits.Bit(tableAttributes, PxnTable) || userWritable
                                        || (wxn && writable)),
                _ => true,
            };
        }
        return access switch
        {
            AccessKind.Write => userWritable,
            AccessKind.Execute => !(Bits.Bit(descriptor, 54) || Bits.Bit(tableAttributes, XnTable) || (wxn && userWritable)),
            _ => userAccess,
        };
    }

    /// <summary>Stage-2 check; a stage-1 table or CD fetch is checked as a read.</summary>
    public static bool Stage2Allows(ulong descriptor, AccessKind access) => access switch
    {
        AccessKind.Write => Bits.Bit(descriptor, 7),
        AccessKind.Execute => Bits.Field(descriptor, 54, 53) == 0,
        _ => Bits.Bit(descriptor, 6),
    };
}
