namespace Viommu.Cli.Tests;

/// <summary>The repository the tests run from (the folder holding Viommu.sln above the test binary).</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }
}
