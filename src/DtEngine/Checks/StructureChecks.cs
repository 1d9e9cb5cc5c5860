using System.Buffers;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Checks;

/// <summary>Names, duplicates and labels.</summary>
internal static class StructureChecks
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    // built once: a set looked up by its text for every name cost more than the checks themselves
    public static readonly SearchValues<char> NodeChars = SearchValues.Create(Lower + Upper + Digits + ",._+-@");
    public static readonly SearchValues<char> PropChars = SearchValues.Create(Lower + Upper + Digits + ",._+*#?-");
    public static readonly SearchValues<char> StrictChars = SearchValues.Create(Lower + Upper + Digits + ",-");

    private const int PairwiseLimit = 16;

    public static void DuplicateNodeNames(Check c, CheckContext ctx, DtNode node)
    {
        var children = node.AllChildren;
        if (children.Count <= PairwiseLimit)
        {
            // dtc's pairwise loop: most nodes have a handful of children, not worth an index
            for (var i = 0; i < children.Count; i++)
            {
                if (children[i].Deleted) continue;
                for (var j = i + 1; j < children.Count; j++)
                    if (children[i].Name == children[j].Name) ctx.Fail(c, children[j], "Duplicate node name");
            }
            return;
        }
        // Every later sibling with the same name is reported for each live earlier one, as dtc's pairwise loop
        // does, but found through an index of names instead of comparing all pairs.
        Dictionary<string, List<int>>? byName = null;
        for (var i = 0; i < children.Count; i++)
        {
            byName ??= new Dictionary<string, List<int>>(StringComparer.Ordinal);
            if (byName.TryGetValue(children[i].Name, out var list)) list.Add(i);
            else byName[children[i].Name] = new List<int> { i };
        }
        if (byName is null) return;
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i].Deleted) continue;
            var same = byName[children[i].Name];
            if (same.Count == 1) continue;
            foreach (var j in same)
                if (j > i) ctx.Fail(c, children[j], "Duplicate node name");
        }
    }

    public static void DuplicatePropertyNames(Check c, CheckContext ctx, DtNode node)
    {
        // dtc compares every pair: one message for each later live property of the same name. Past a few
        // properties the pairs are counted by name instead (a __symbols__ node has hundreds: quadratic was a
        // sixth of a DTB -> DTS run), giving the same messages in the same order.
        var props = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(node.AllProperties);
        if (props.Length <= 16)
        {
            for (var i = 0; i < props.Length; i++)
            {
                if (props[i].Deleted) continue;
                var name = props[i].Name;
                for (var j = i + 1; j < props.Length; j++)
                {
                    if (props[j].Name.Length != name.Length || props[j].Deleted) continue;
                    if (props[j].Name == name) ctx.FailProperty(c, node, props[i], "Duplicate property name");
                }
            }
            return;
        }
        var live = ctx.PropertyNameCounts;
        live.Clear();
        var liveCount = 0;
        foreach (var p in props)
        {
            if (p.Deleted) continue;
            System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(live, p.Name, out _)++;
            liveCount++;
        }
        if (live.Count == liveCount) return; // every name once
        foreach (var p in props)
        {
            if (p.Deleted) continue;
            var later = --System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(live, p.Name);
            for (var k = 0; k < later; k++) ctx.FailProperty(c, node, p, "Duplicate property name");
        }
    }

    public static void NodeNameChars(Check c, CheckContext ctx, DtNode node)
    {
        var n = CheckHelpers.SpanOf(node.Name, (SearchValues<char>)c.Data!);
        if (n < node.Name.Length) ctx.Fail(c, node, $"Bad character '{node.Name[n]}' in node name");
    }

    public static void NodeNameCharsStrict(Check c, CheckContext ctx, DtNode node)
    {
        var n = CheckHelpers.SpanOf(node.Name, (SearchValues<char>)c.Data!);
        if (n < node.BaseNameLength) ctx.Fail(c, node, $"Character '{node.Name[n]}' not recommended in node name");
    }

    public static void NodeNameFormat(Check c, CheckContext ctx, DtNode node)
    {
        if (node.UnitAddress.Contains('@')) ctx.Fail(c, node, "multiple '@' characters in node name");
    }

    public static void NodeNameNotEmpty(Check c, CheckContext ctx, DtNode node)
    {
        if (node.BaseNameLength == 0 && node.Parent is not null) ctx.Fail(c, node, "Empty node name");
    }

    public static void NodeNameVsPropertyName(Check c, CheckContext ctx, DtNode node)
    {
        if (node.Parent is null) return;
        if (node.Parent.GetProperty(node.Name) is not null) ctx.Fail(c, node, "node name and property name conflict");
    }

    public static void PropertyNameChars(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            var n = CheckHelpers.SpanOf(prop.Name, (SearchValues<char>)c.Data!);
            if (n < prop.Name.Length) ctx.FailProperty(c, node, prop, $"Bad character '{prop.Name[n]}' in property name");
        }
    }

    public static void PropertyNameCharsStrict(Check c, CheckContext ctx, DtNode node)
    {
        var allowed = (SearchValues<char>)c.Data!;
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            var name = prop.Name;
            var n = CheckHelpers.SpanOf(name, allowed);
            if (n == name.Length) continue;
            if (name == "device_type") continue;
            if (name[n] == '#' && (n == 0 || name[n - 1] == ','))
            {
                name = name[(n + 1)..];
                n = CheckHelpers.SpanOf(name, allowed);
            }
            if (n < name.Length) ctx.FailProperty(c, node, prop, $"Character '{name[n]}' not recommended in property name");
        }
    }

    public static void NameProperties(Check c, CheckContext ctx, DtNode node)
    {
        var index = node.AllProperties.FindIndex(p => p.Name == "name");
        if (index < 0) return;
        var prop = node.AllProperties[index];
        var baseLen = node.BaseNameLength;
        var bytes = prop.Value.Bytes;
        var matches = bytes.Length == baseLen + 1;
        if (matches)
            for (var i = 0; i < baseLen; i++)
                if (bytes[i] != node.Name[i]) { matches = false; break; }
        if (!matches)
            ctx.Fail(c, node, $"\"name\" property is incorrect (\"{prop.Value.AsCString()}\" instead of base node name)");
        else
            node.AllProperties.RemoveAt(index);
    }

    private static string Describe(DtNode node, DtProperty? prop, bool onValue)
        => (onValue ? "value of " : "") + (prop is not null ? $"'{prop.Name}' in " : "") + node.Path;

    // markIndex: the label's marker among the property's markers; -1 for a node or property label
    private static void DuplicateLabel(Check c, CheckContext ctx, string label, DtNode node, DtProperty? prop, int markIndex)
    {
        DtProperty? otherProp = null;
        var otherMark = -1;
        var otherNode = ctx.Labels.NodeByLabel(label);
        if (otherNode is null) otherProp = TreeLookup.PropertyByLabel(ctx.Root, label, out otherNode);
        if (otherNode is null) otherMark = TreeLookup.MarkerIndexByLabel(ctx.Root, label, out otherNode, out otherProp);
        if (otherNode is null) return;
        if (otherNode != node || otherProp != prop || otherMark != markIndex)
            ctx.Fail(c, node, $"Duplicate label '{label}' on {Describe(node, prop, markIndex >= 0)} and {Describe(otherNode, otherProp, otherMark >= 0)}");
    }

    public static void DuplicateLabels(Check c, CheckContext ctx, DtNode node)
    {
        foreach (var l in LabelList.Live(node.Labels)) DuplicateLabel(c, ctx, l.Name, node, null, -1);
        foreach (var prop in CheckHelpers.LiveProperties(node))
        {
            foreach (var l in prop.LiveLabels) DuplicateLabel(c, ctx, l.Name, node, prop, -1);
            var markers = prop.ValueMarkers;
            for (var i = 0; i < markers.Length; i++)
                if (markers[i].Type == MarkerType.Label) DuplicateLabel(c, ctx, markers[i].Reference!, node, prop, i);
        }
    }
}
