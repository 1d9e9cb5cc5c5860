namespace Viommu.Cli.Tests;

/// <summary>The repository the tests run from and the shared corpus (see <see cref="Testing.TestFolders"/>).</summary>
internal static class Repo
{
    public static string Root => Testing.TestFolders.RepoRoot;

    /// <summary>A source of dtc's own test suite in the shared corpus.</summary>
    public static string DtcTest(string name) => Path.Combine(Testing.TestFolders.Shared, "corpus", "dtc-tests", name);
}
