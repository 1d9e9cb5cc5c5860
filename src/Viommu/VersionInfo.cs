using System.Reflection;

namespace Viommu.Cli;

/// <summary>The tool's version and the commit it was built from.</summary>
public static class VersionInfo
{
    public static string Text
    {
        get
        {
            var info = typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            return info ?? "0.0.0";
        }
    }
}
