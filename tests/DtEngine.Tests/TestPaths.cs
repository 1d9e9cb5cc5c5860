namespace Viommu.DtEngine.Tests;

/// <summary>Where the repository and the shared corpus are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The shared folder: $VIOMMU_SHARED, else the nearest "shared" beside the repository or an ancestor.</summary>
    public static string Shared { get; } = FindShared();

    public static string DtcTests => Path.Combine(Shared, "corpus", "dtc-tests");

    public static string Boards => Path.Combine(Shared, "corpus", "boards");

    private static string FindShared()
    {
        var env = Environment.GetEnvironmentVariable("VIOMMU_SHARED");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(RepoRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "corpus"))) return candidate;
        }
        throw new InvalidOperationException("the shared folder (with corpus/) was not found beside the repository; set VIOMMU_SHARED");
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }
}
