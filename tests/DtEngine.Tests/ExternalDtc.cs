using System.Diagnostics;

namespace Viommu.DtEngine.Tests;

/// <summary>Runs the system's dtc (Debian's device-tree-compiler) for comparison tests.</summary>
internal static class ExternalDtc
{
    public static (int ExitCode, byte[] Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo("dtc")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // dtc's messages are bytes: read one char per byte, as the engine's messages hold them
            StandardErrorEncoding = System.Text.Encoding.Latin1,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process p;
        try
        {
            p = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("dtc is not installed: run 'apt-get install -y device-tree-compiler' (.ci/run does)", e);
        }
        using var ms = new MemoryStream();
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.BaseStream.CopyTo(ms);
        p.WaitForExit();
        return (p.ExitCode, ms.ToArray(), stderr.Result);
    }
}
