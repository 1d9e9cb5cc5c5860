using Viommu.DtEngine.Diagnostics;
using Viommu.Lops.Xen;

namespace Viommu.Lops.Tests.Xen;

/// <summary>Runs <c>xen partial</c> on a host and a partial tree given as text, in a temporary folder.</summary>
internal static class XenPartialHarness
{
    /// <summary>
    /// The outcome, the warnings and errors as displayed, and the detailed tree and xl.cfg (empty on failure,
    /// when neither file may exist).
    /// </summary>
    public static (bool Ok, string Messages, string Output, string XlConfig) Run(string host, string partial, XenOptions? options = null)
    {
        using var temp = new TempDir();
        File.WriteAllText(temp.File("host.dts"), host);
        File.WriteAllText(temp.File("partial.dts"), partial);
        var result = XenPartialJob.Run(new XenPartialSettings
        {
            Host = temp.File("host.dts"), Partial = temp.File("partial.dts"), Output = temp.File("out.dts"),
            XlConfig = temp.File("xl.cfg"), Options = options ?? new XenOptions(),
        });
        Assert.Equal(result.Succeeded, File.Exists(temp.File("out.dts")));
        Assert.Equal(result.Succeeded, File.Exists(temp.File("xl.cfg")));
        var messages = string.Join("\n", result.Diagnostics.Where(d => d.Severity != Severity.Info).Select(d => d.Display));
        return result.Succeeded
            ? (true, messages, File.ReadAllText(temp.File("out.dts")), File.ReadAllText(temp.File("xl.cfg")))
            : (false, messages, "", "");
    }
}
