using System.Text;

namespace Viommu.DtEngine.Preprocessor;

/// <summary>Make rules listing the files a run read, in the form cpp's <c>-M</c> family writes.</summary>
public static class DependencyFile
{
    /// <summary><c>target: dep1 dep2 \</c> wrapped like cpp; <paramref name="phony"/> adds an empty rule per header (<c>-MP</c>).</summary>
    public static string Rule(string target, IReadOnlyList<string> dependencies, bool phony)
    {
        static string Escape(string p) => p.Replace(" ", "\\ ").Replace("#", "\\#").Replace("$", "$$");
        var sb = new StringBuilder();
        var column = target.Length + 1;
        sb.Append(Escape(target)).Append(':');
        foreach (var d in dependencies)
        {
            var e = Escape(d);
            if (column + e.Length + 1 > 75 && column > target.Length + 1)
            {
                sb.Append(" \\\n");
                column = 1;
            }
            sb.Append(' ').Append(e);
            column += e.Length + 1;
        }
        sb.Append('\n');
        if (phony)
            foreach (var d in dependencies.Skip(1)) sb.Append('\n').Append(Escape(d)).Append(":\n");
        return sb.ToString();
    }
}
