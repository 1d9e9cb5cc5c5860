using Viommu.DtEngine.Preprocessor;

namespace Viommu.DtEngine.Tests.Preprocessor;

/// <summary>One source named t.dts through the preprocessor without line markers (as <c>cpp -P</c>): its messages as
/// cpp prints them (one line each, excerpts included) and its text.</summary>
internal static class OneSource
{
    public static (string Stderr, string Text) Run(byte[] source, bool assembler)
    {
        var result = CPreprocessor.Run("t.dts", new PpOptions
        {
            LineMarkers = false,
            Assembler = assembler,
            ReadFile = p => p == "t.dts" ? source : null,
        });
        return (string.Concat(result.Messages.Select(m => m.Printed + "\n")), result.Text);
    }
}
