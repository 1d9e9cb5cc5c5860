using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using McMaster.NETCore.Plugins;
using Viommu.DtEngine.Model;
using Viommu.Lops.Runtime;

namespace Viommu.Lops.Plugins;

/// <summary>
/// Loads plugin assemblies with McMaster.NETCore.Plugins (each in its own load context, sharing the lop
/// interface and the tree model with the host) and registers every <see cref="ILopProvider"/>'s lops.
/// Plugins need the JIT runtime: the Native-AOT build reports that instead of loading, which is why callers
/// need no trimming annotations.
/// </summary>
public static class PluginLoading
{
    /// <summary>True when this process can load plugin assemblies.</summary>
    public static bool Supported => RuntimeFeature.IsDynamicCodeSupported;

    /// <summary>Loads every plugin in <paramref name="directory"/>: each <c>NAME.deps.json</c> names a plugin
    /// <c>NAME.dll</c>; without any, every .dll is tried. Returns the lops registered.</summary>
    public static IReadOnlyList<ILop> LoadDirectory(string directory, LopRegistry registry)
    {
        if (!Directory.Exists(directory)) throw new LopException($"plugin folder '{directory}' does not exist");
        var mains = Directory.GetFiles(directory, "*.deps.json")
            .Select(d => d[..^".deps.json".Length] + ".dll").Where(File.Exists).ToList();
        if (mains.Count == 0) mains = Directory.GetFiles(directory, "*.dll").ToList();
        mains.Sort(StringComparer.Ordinal);
        var all = new List<ILop>();
        foreach (var dll in mains) all.AddRange(LoadFile(dll, registry));
        return all;
    }

    /// <summary>Loads one plugin assembly and registers its lops.</summary>
    // Safe to call from trimmed/AOT code: without dynamic code support it refuses before any reflection.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Refuses when dynamic code is unsupported (Native AOT) before loading.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "Plugin types come from the plugin assembly, loaded whole.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "Plugin types come from the plugin assembly, loaded whole.")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Refuses when dynamic code is unsupported (Native AOT) before loading.")]
    public static IReadOnlyList<ILop> LoadFile(string assemblyPath, LopRegistry registry)
    {
        if (!Supported)
            throw new LopException($"cannot load plugin '{assemblyPath}': this viommu is a Native-AOT build; use the .NET tool or a build with -p:PublishAot=false");
        if (!File.Exists(assemblyPath)) throw new LopException($"plugin '{assemblyPath}' does not exist");
        Assembly assembly;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(Path.GetFullPath(assemblyPath),
                sharedTypes: new[] { typeof(ILop), typeof(ILopProvider), typeof(DeviceTree) });
            assembly = loader.LoadDefaultAssembly();
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or FileNotFoundException)
        {
            throw new LopException($"cannot load plugin '{assemblyPath}': {e.Message}");
        }
        var lops = new List<ILop>();
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new LopException($"plugin '{assemblyPath}' does not load: {e.LoaderExceptions.FirstOrDefault()?.Message}");
        }
        foreach (var type in types.Where(t => typeof(ILopProvider).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
                throw new LopException($"plugin '{assemblyPath}': {type.FullName} needs a public parameterless constructor");
            var provider = (ILopProvider)Activator.CreateInstance(type)!;
            foreach (var lop in provider.CreateLops())
            {
                registry.Register(lop);
                lops.Add(lop);
            }
        }
        if (lops.Count == 0) throw new LopException($"plugin '{assemblyPath}' provides no lops (no public ILopProvider)");
        return lops;
    }
}
