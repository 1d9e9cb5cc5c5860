using CsCheck;
using Viommu.DtEngine.Dtb;

namespace Viommu.DtEngine.Tests;

/// <summary>The strings block reuses a name's first NUL-terminated occurrence (whole or tail of a longer name).</summary>
public class StringTableBuilderTests
{
    [Fact]
    public void Every_name_lands_where_a_search_of_the_block_finds_it_first()
        // a small alphabet makes tails shared often
        => Gen.String[Gen.Char["ab,"], 0, 6].List[1, 60].Sample(LandsWhereASearchFindsIt, iter: 2000);

    [Fact]
    public void Thousands_of_names_grow_both_indexes_and_still_land_first()
        // enough distinct names and tails to double the name and tail tables several times
        => Gen.String[Gen.Char["abcd-,"], 0, 12].List[500, 3000].Sample(LandsWhereASearchFindsIt, iter: 20);

    /// <summary>Each name's offset is the first "name\0" in the block built so far, or the block's end.</summary>
    private static void LandsWhereASearchFindsIt(List<string> names)
    {
        using var table = new StringTableBuilder();
        var block = new List<byte>();
        foreach (var name in names)
        {
            var needle = System.Text.Encoding.Latin1.GetBytes(name + "\0");
            var expected = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(block).IndexOf(needle);
            if (expected < 0)
            {
                expected = block.Count;
                block.AddRange(needle);
            }
            Assert.Equal(expected, table.Insert(name));
        }
        Assert.Equal(block.ToArray(), table.ToArray());
    }

    [Fact]
    public void A_tail_of_a_longer_name_is_shared()
    {
        using var table = new StringTableBuilder();
        Assert.Equal(0, table.Insert("linux,phandle"));
        Assert.Equal(6, table.Insert("phandle"));
        Assert.Equal(13, table.Insert(""));
        Assert.Equal(14, table.Insert("reg"));
        Assert.Equal(18, table.Length);
    }
}
