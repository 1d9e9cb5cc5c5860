namespace Viommu.SmmuModel.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string SmmuExamples => Path.Combine(Root, "examples", "smmu");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }
}
