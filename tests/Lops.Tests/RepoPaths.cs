namespace Viommu.Lops.Tests;

/// <summary>Where the repository, its Xen examples and the shared board trees are (see <see cref="Testing.TestFolders"/>).</summary>
internal static class RepoPaths
{
    public static string Root => Testing.TestFolders.RepoRoot;
    public static string XenExamples => Path.Combine(Root, "examples", "xen");
    public static string Boards => Path.Combine(Testing.TestFolders.Shared, "corpus", "boards");
}
