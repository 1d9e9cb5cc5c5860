namespace Viommu.DtEngine.IO;

/// <summary>strerror's words for a path that could not be opened, where .NET gives one exception for two errnos.</summary>
public static class PathFailure
{
    /// <summary>"Not a directory" when a file stands where <paramref name="path"/> needs a folder (ENOTDIR), else "No
    /// such file or directory" (ENOENT).</summary>
    public static string Missing(string path)
    {
        for (var slash = path.Length > 1 ? path.IndexOf('/', 1) : -1; slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var folder = path[..slash];
            if (File.Exists(folder)) return "Not a directory";
            if (!Directory.Exists(folder)) break;
        }
        return "No such file or directory";
    }
}
