using CsCheck;
using Viommu.DtEngine.Dtb;

namespace Viommu.DtEngine.Tests;

/// <summary>The strings block reuses a name's first NUL-terminated occurrence (whole or tail of a longer name).</summary>
public class StringTableBuilderTests
{
    [Fact]
    public void Every_name_lands_where_a_search_of_the_block_finds_it_first()
    {
        // a small alphabet makes tails shared often
        Gen.String[Gen.Char["ab,"], 0, 6].List[1, 60].Sample(names =>
        {
            var table = new StringTableBuilder();
            var block = new List<byte>();
            foreach (var name in names)
            {
                var needle = System.Text.Encoding.Latin1.GetBytes(name + "\0");
                var expected = block.ToArray().AsSpan().IndexOf(needle);
                if (expected < 0)
                {
                    expected = block.Count;
                    block.AddRange(needle);
                }
                Assert.Equal(expected, table.Insert(name));
            }
            Assert.Equal(block.ToArray(), table.ToArray());
        }, iter: 2000);
    }

    [Fact]
    public void A_tail_of_a_longer_name_is_shared()
    {
        var table = new StringTableBuilder();
        Assert.Equal(0, table.Insert("linux,phandle"));
        Assert.Equal(6, table.Insert("phandle"));
        Assert.Equal(13, table.Insert(""));
        Assert.Equal(14, table.Insert("reg"));
        Assert.Equal(18, table.Length);
    }
}
