namespace Viommu.DtEngine.Tests;

/// <summary>Where the repository and the shared corpus are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Shared => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string DtcTests => Path.Combine(Shared, "corpus", "dtc-tests");

    public static string Boards => Path.Combine(Shared, "corpus", "boards");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }
}
