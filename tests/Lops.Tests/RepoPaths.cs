namespace Viommu.Lops.Tests;

internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string XenExamples => Path.Combine(Root, "examples", "xen");
    public static string Boards => Path.Combine(Root, "..", "shared", "corpus", "boards");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Viommu.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Viommu.sln not found above the test folder");
    }
}
