namespace Viommu.DtEngine.Tests;

/// <summary>Where the repository and the shared corpus are (see <see cref="Testing.TestFolders"/>).</summary>
internal static class TestPaths
{
    public static string RepoRoot => Testing.TestFolders.RepoRoot;

    public static string Shared => Testing.TestFolders.Shared;

    public static string DtcTests => Path.Combine(Shared, "corpus", "dtc-tests");

    public static string Boards => Path.Combine(Shared, "corpus", "boards");
}
