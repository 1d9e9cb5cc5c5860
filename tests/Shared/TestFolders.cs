namespace Viommu.Testing;

/// <summary>
/// The folders every test project reads: the repository (the folder holding Viommu.sln above the test binary) and
/// the shared corpus ($VIOMMU_SHARED, else the nearest "shared" folder with corpus/ beside the repository or one of
/// its ancestors), so that a clone anywhere runs the suite with one variable set.
/// </summary>
internal static class TestFolders
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Shared { get; } = FindShared();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }

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
}
