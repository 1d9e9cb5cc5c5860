using Viommu.SmmuModel.Memory;

namespace Viommu.SmmuModel.Tests;

/// <summary>
/// A deliberately plain VMSAv8-64 walker for cross-checking: sizes in bytes and division instead of bit
/// fields, one loop, no shared code with the model. Returns the output address or null for any fault.
/// </summary>
internal static class ReferenceWalker
{
    public static ulong? Walk(PhysicalMemory memory, ulong granuleBytes, int startLevel, int inputBits, ulong root,
        int outputBits, ulong address, Func<ulong, ulong?>? fetchThrough = null)
    {
        if (inputBits < 64 && address >= (1UL << inputBits)) return null;
        var entries = granuleBytes / 8;
        var table = root;
        var outputLimit = outputBits >= 64 ? ulong.MaxValue : 1UL << outputBits;
        for (var level = startLevel; level <= 3; level++)
        {
            ulong span = granuleBytes;
            for (var l = level; l < 3; l++) span *= entries;
            var index = level == startLevel ? address / span : address / span % entries;
            var where = table + index * 8;
            if (fetchThrough is not null)
            {
                var pa = fetchThrough(where);
                if (pa is null) return null;
                where = pa.Value;
            }
            if (!memory.TryRead64(where, out var d)) return null;
            var valid = d % 2 == 1;
            var typeBit = d / 2 % 2 == 1;
            if (!valid) return null;
            var addressBits = d % (1UL << 48) / granuleBytes * granuleBytes;
            if (level < 3 && typeBit)
            {
                if (addressBits >= outputLimit) return null;
                table = addressBits;
                continue;
            }
            if (level == 3 && !typeBit) return null;
            var blockOk = level == 3 || (granuleBytes == 4096 ? level == 1 || level == 2 : level == 2);
            if (!blockOk) return null;
            var outBase = d % (1UL << 48) / span * span;
            if (outBase >= outputLimit) return null;
            if ((d >> 10) % 2 == 0) return null; // access flag
            return outBase + address % span;
        }
        return null;
    }
}
