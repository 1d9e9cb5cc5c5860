using Viommu.DtEngine;
using Viommu.DtEngine.Compile;
using Viommu.DtEngine.Diagnostics;
using Viommu.DtEngine.Dtb;
using Viommu.DtEngine.Dts;
using Viommu.DtEngine.IO;
using Viommu.DtEngine.Model;

namespace Viommu.Lops.Runtime;

/// <summary>Reads and writes trees in the format their file name says: .dts/.dtsi, .dtb/.dtbo, .yaml/.yml/.json.</summary>
public static class TreeFiles
{
    /// <summary>Reads a tree; DTS and DTB are resolved (phandles, references) as dtc would. Null with located
    /// errors when the input is bad.</summary>
    public static DeviceTree? Read(string path, DiagnosticBag diagnostics, IEnumerable<string>? includePaths = null, CompileOptions? options = null)
    {
        if (IsYaml(path))
        {
            try
            {
                return YamlTree.Read(File.ReadAllText(path), path);
            }
            catch (YamlInputException e)
            {
                diagnostics.LocatedError(e.Message);
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                diagnostics.Error(path, $"cannot read: {IoErrorText.Of(e, path)}");
                return null;
            }
        }
        return TreeLoader.Load(path, diagnostics, includePaths, options);
    }

    /// <summary>The bytes of <paramref name="tree"/> in the format <paramref name="fileName"/>'s extension names
    /// (DTS when it names none).</summary>
    public static byte[] Write(DeviceTree tree, string fileName)
    {
        if (fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            throw new LopException($"'{fileName}': JSON output is not supported; name the file .yaml");
        if (IsYaml(fileName)) return System.Text.Encoding.UTF8.GetBytes(YamlTree.Write(tree));
        if (IsBlob(fileName)) return DtbWriter.Write(tree);
        return DtsWriter.WriteBytes(tree);
    }

    public static bool IsYaml(string name)
        => name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)
           || name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>DTS is what a name without a YAML or blob extension gets.</summary>
    public static bool IsDts(string name) => !IsYaml(name) && !IsBlob(name);

    public static bool IsBlob(string name)
        => name.EndsWith(".dtb", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".dtbo", StringComparison.OrdinalIgnoreCase);
}
