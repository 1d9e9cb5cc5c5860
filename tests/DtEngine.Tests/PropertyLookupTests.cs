using System.Runtime.InteropServices;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Tests;

/// <summary>
/// A node past a few properties answers "absent" from bits made from its names; every way of changing the names
/// must be seen by the next lookup.
/// </summary>
public class PropertyLookupTests
{
    private static DtNode NodeWith(params string[] names)
    {
        var node = new DtNode("n");
        foreach (var name in names) node.AddProperty(new DtProperty(name, new PropertyValue()));
        return node;
    }

    private static readonly string[] Eight = ["compatible", "reg", "status", "clocks", "resets", "interrupts", "phys", "dmas"];

    // the names added below have bits that none of the eight has, so a stale answer would be "absent"

    [Fact]
    public void Absent_and_present_names_are_told_apart()
    {
        var node = NodeWith(Eight);
        foreach (var name in Eight) Assert.Same(node.AllProperties.Find(p => p.Name == name), node.GetProperty(name));
        foreach (var name in new[] { "#clock-cells", "phandle", "", "reg ", "Reg", "compatiblE" }) Assert.Null(node.GetProperty(name));
    }

    [Fact]
    public void A_property_added_after_a_lookup_is_found()
    {
        var node = NodeWith(Eight);
        Assert.Null(node.GetProperty("phandle"));
        node.AddProperty(new DtProperty("phandle", PropertyValue.FromCells(1)));
        Assert.NotNull(node.GetProperty("phandle"));
        Assert.Null(node.GetProperty("dma-coherent"));
        node.AllProperties.Insert(0, new DtProperty("dma-coherent", new PropertyValue()));
        Assert.NotNull(node.GetProperty("dma-coherent"));
    }

    [Fact]
    public void A_rename_or_a_replacement_in_place_is_seen()
    {
        var node = NodeWith(Eight);
        Assert.Null(node.GetProperty("memory-region"));
        node.AllProperties[3].Name = "memory-region";
        Assert.Same(node.AllProperties[3], node.GetProperty("memory-region"));
        Assert.Null(node.GetProperty("clocks"));
        Assert.Null(node.GetProperty("iommu-map"));
        node.AllProperties[4] = new DtProperty("iommu-map", new PropertyValue());
        Assert.NotNull(node.GetProperty("iommu-map"));
        Assert.Null(node.GetProperty("resets"));
    }

    [Fact]
    public void Removed_and_deleted_properties_are_not_found()
    {
        var node = NodeWith(Eight);
        Assert.NotNull(node.GetProperty("status"));
        node.RemoveProperty("status");
        Assert.Null(node.GetProperty("status"));
        node.GetProperty("reg")!.Deleted = true;
        Assert.Null(node.GetProperty("reg"));
    }

    [Fact]
    public void A_write_through_the_list_span_is_seen_after_PropertiesChanged()
    {
        var node = NodeWith(Eight);
        Assert.Null(node.GetProperty("power-domains"));
        CollectionsMarshal.AsSpan(node.AllProperties)[0] = new DtProperty("power-domains", new PropertyValue());
        node.PropertiesChanged();
        Assert.NotNull(node.GetProperty("power-domains"));
    }

    [Fact]
    public void Small_and_many_property_nodes_agree_with_a_scan()
    {
        // names that share lengths and first and last characters, so that bits collide
        var names = Enumerable.Range(0, 70).Select(i => $"p{i % 10}-{i / 10}x").ToArray();
        for (var count = 0; count <= names.Length; count += 7)
        {
            var node = NodeWith(names[..count]);
            foreach (var name in names.Concat(["", "p", "x", "p0-0", "p0-0xx"]))
                Assert.Equal(count > 0 && names[..count].Contains(name), node.GetProperty(name) is not null);
        }
    }
}
