namespace Viommu.DtEngine.Model;

/// <summary>
/// Many path lookups in a tree that does not change meanwhile (a blob's /__symbols__ names hundreds of paths, and a
/// bus has hundreds of children to scan for each): the live nodes by their path, with the answers of
/// <see cref="TreeLookup.NodeByPath(DtNode, string)"/>.
/// </summary>
/// <remarks>
/// A path lookup takes the first live child of each name, so a later sibling of the same name and everything under
/// it can never be found: they are left out. Spellings other than "/a/b" (doubled or trailing slashes, no leading
/// slash, the root) and names that would read as other steps (empty, or holding a '/') are not listed and go to the
/// walk.
/// </remarks>
internal sealed class PathIndex
{
    private readonly DtNode _root;
    private readonly Dictionary<string, DtNode> _byPath = new(StringComparer.Ordinal);

    public PathIndex(DtNode root)
    {
        _root = root;
        Add(root, "");
    }

    private void Add(DtNode node, string path)
    {
        foreach (var child in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(node.AllChildren))
        {
            // a name that is empty or holds a '/' (a crafted blob) would read as other path steps: left to the walk
            if (child.Deleted || child.Name.Length == 0 || child.Name.Contains('/')) continue;
            var childPath = path + "/" + child.Name;
            if (_byPath.TryAdd(childPath, child)) Add(child, childPath);
        }
    }

    public DtNode? Find(string path)
        => _byPath.TryGetValue(path, out var node) ? node : TreeLookup.NodeByPath(_root, path);
}
