using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.DtEngine.Fs;

/// <summary>Reads a /proc/device-tree style folder: files are properties, folders are nodes (dtc -I fs).</summary>
public static class FsReader
{
    /// <summary>
    /// The folder as a tree, entries in the order the file system lists them (dtc's readdir order, so the output is
    /// dtc's; the same folder always lists the same way, a copy of it need not). Links are followed; entries that are
    /// neither files nor folders are skipped, unreadable files are skipped with dtc's warning.
    /// </summary>
    public static DeviceTree? Read(string directory, DiagnosticBag diagnostics)
    {
        if (!Directory.Exists(directory))
        {
            // opendir's errno: stat's where it fails, else something other than a folder stands there (ENOTDIR)
            var why = UnixStat.OpenFailure(directory, whenPresent: "Not a directory");
            diagnostics.Add(new DtFatalException($"Couldn't opendir() \"{Text(directory)}\": {why}").ToDiagnostic());
            return null;
        }
        try
        {
            var root = ReadNode(directory, "", diagnostics);
            return new DeviceTree(root) { BootCpuId = Dts.DtsParser.GuessBootCpuId(root) };
        }
        catch (DtFatalException e)
        {
            diagnostics.Add(e.ToDiagnostic());
            return null;
        }
    }

    private static DtNode ReadNode(string dir, string name, DiagnosticBag diagnostics)
    {
        var node = new DtNode(name);
        FileSystemInfo[] entries;
        try
        {
            entries = new DirectoryInfo(dir).GetFileSystemInfos();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DtFatalException($"Couldn't opendir() \"{Text(dir)}\": {Reason(e)}");
        }
        foreach (var entry in entries)
        {
            var path = JoinPath(dir, entry.Name);
            var mode = UnixStat.Mode(path, out var available);
            if (available && mode is null) throw new DtFatalException($"stat({Text(path)}): {UnixStat.LastError}");
            var type = mode is { } m ? m & UnixStat.TypeMask : entry is DirectoryInfo ? UnixStat.Directory : UnixStat.Regular;
            if (type == UnixStat.Regular)
            {
                byte[] value;
                try
                {
                    value = File.ReadAllBytes(path);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    var message = $"Cannot open {Text(path)}: {Reason(e)}";
                    diagnostics.Warning(null, message, "WARNING: " + message);
                    continue;
                }
                node.AddProperty(new DtProperty(Text(entry.Name), new PropertyValue(value)));
            }
            else if (type == UnixStat.Directory) node.AddChild(ReadNode(path, Text(entry.Name), diagnostics));
        }
        return node;
    }

    /// <summary>A file name as tree or message text: its bytes, one char each (dtc names a node or property by the
    /// entry's bytes).</summary>
    private static string Text(string fileName) => FileNameText.ToSourceText(fileName);

    /// <summary>strerror's words for why .NET could not open or list a path (it keeps no errno).</summary>
    private static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        _ => "Input/output error",
    };

    /// <summary>dtc's join_path: one slash between, none added after a trailing one.</summary>
    private static string JoinPath(string dir, string name) => dir.EndsWith('/') ? dir + name : dir + "/" + name;
}
