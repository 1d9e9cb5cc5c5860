using System.Text;
using Viommu.DtEngine.Dts;

namespace Viommu.DtEngine.Tests;

/// <summary>The lexer's name table: one string per spelling, found again by its bytes (kept in a shared array that
/// grows with the names), whatever their number, length or bytes.</summary>
public class NameTableTests
{
    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    [Fact]
    public void A_spelling_gives_one_string_and_another_spelling_of_the_same_length_another()
    {
        var table = new NameTable();
        var reg = table.Get(B("reg"));
        Assert.Equal("reg", reg);
        Assert.Same(reg, table.Get(B("reg")));
        Assert.Equal("ref", table.Get(B("ref")));
        Assert.Equal("re", table.Get(B("re")));
        Assert.Equal("a\u00e9", table.Get(new byte[] { 0x61, 0xE9 }));
        Assert.Same(reg, table.Get(B("reg")));
    }

    [Fact]
    public void Thousands_of_names_outgrowing_the_slots_and_the_spellings_are_all_found_again()
    {
        var table = new NameTable();
        var names = Enumerable.Range(0, 5000).Select(i => $"{new string((char)('a' + i % 26), 30)}-{i}").ToArray();
        var first = names.Select(n => table.Get(B(n))).ToArray();
        Assert.Equal(names, first);
        for (var i = names.Length - 1; i >= 0; i--) Assert.Same(first[i], table.Get(B(names[i])));
    }

    [Fact]
    public void A_name_longer_than_those_shared_is_read_each_time()
    {
        var table = new NameTable();
        var name = new string('x', 65);
        Assert.Equal(name, table.Get(B(name)));
        Assert.NotSame(table.Get(B(name)), table.Get(B(name)));
        Assert.Same(table.Get(B(name[..64])), table.Get(B(name[..64])));
    }
}
