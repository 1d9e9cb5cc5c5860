using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Fs;

/// <summary>Reads a /proc/device-tree style folder: files are properties, folders are nodes (dtc -I fs).</summary>
public static class FsReader
{
    public static DeviceTree? Read(string directory, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(directory))
        {
            diagnostics.Add(new DtFatalException($"Couldn't opendir() \"{directory}\": No such file or directory").ToDiagnostic());
            return null;
        }
        var root = ReadNode(directory, "");
        var tree = new DeviceTree(root) { BootCpuId = Dts.DtsParser.GuessBootCpuId(root) };
        return tree;
    }

    private static DtNode ReadNode(string dir, string name)
    {
        var node = new DtNode(name);
        // readdir order is not defined; dtc prepends each entry, which reverses it. Sort for determinism.
        var entries = new DirectoryInfo(dir).GetFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).Reverse();
        foreach (var entry in entries)
        {
            if (entry is FileInfo f)
                node.AddProperty(new DtProperty(f.Name, new PropertyValue(File.ReadAllBytes(f.FullName))));
            else if (entry is DirectoryInfo d)
                node.AddChild(ReadNode(d.FullName, d.Name));
        }
        return node;
    }
}
