namespace Viommu.DtEngine.Preprocessor;

/// <summary>How to preprocess: search paths, macros and output form, as GNU cpp's flags set them.</summary>
public sealed record PpOptions
{
    /// <summary>Folders searched for <c>#include "..."</c> only, after the including file's folder (<c>-iquote</c>).</summary>
    public IReadOnlyList<string> QuoteIncludePaths { get; init; } = Array.Empty<string>();
    /// <summary>Folders searched for both include forms (<c>-I</c>), in order.</summary>
    public IReadOnlyList<string> IncludePaths { get; init; } = Array.Empty<string>();
    /// <summary>System folders searched after <see cref="IncludePaths"/> (<c>-isystem</c>, then <c>-idirafter</c>):
    /// what is found there is a system header, marked " 3 4" in line markers.</summary>
    public IReadOnlyList<string> SystemIncludePaths { get; init; } = Array.Empty<string>();
    /// <summary>Name a header found in a system folder by its resolved path when that is shorter, as cpp does unless
    /// given <c>-fno-canonical-system-headers</c>.</summary>
    public bool CanonicalSystemHeaders { get; init; } = true;
    /// <summary>Leave system headers out of <see cref="PpResult.Dependencies"/> (<c>-MM</c>).</summary>
    public bool UserDependenciesOnly { get; init; }
    /// <summary>
    /// Command-line macro operations in order: <c>("D", "NAME=VALUE")</c> defines, <c>("U", "NAME")</c> undefines.
    /// </summary>
    public IReadOnlyList<(string Op, string Text)> MacroOperations { get; init; } = Array.Empty<(string, string)>();
    /// <summary>Files processed before the main file, as if included by it (<c>-include</c>).</summary>
    public IReadOnlyList<string> ForcedIncludes { get; init; } = Array.Empty<string>();
    /// <summary>Assembler-with-cpp rules: unknown directives pass through, lone quotes are allowed.</summary>
    public bool Assembler { get; init; } = true;
    /// <summary>
    /// <c>-undef</c> as given. Host and compiler macros (<c>linux</c>, <c>__GNUC__</c>, ...) are never predefined
    /// here, so the output is always what cpp gives with <c>-undef</c>.
    /// </summary>
    public bool Undef { get; init; } = true;
    /// <summary>Print no warnings (<c>-w</c>): <c>#warning</c> and cpp's own are dropped, errors are kept.</summary>
    public bool InhibitWarnings { get; init; }
    /// <summary>Write <c># line "file"</c> markers (off with <c>-P</c>).</summary>
    public bool LineMarkers { get; init; } = true;
    /// <summary>Maximum <c>#include</c> nesting, as cpp's default.</summary>
    public int MaxIncludeDepth { get; init; } = 200;
    /// <summary>Maximum tokens one macro expansion may produce, to stop runaway expansions.</summary>
    public int MaxExpansionTokens { get; init; } = 4_000_000;
    /// <summary>Seconds since the epoch for <c>__DATE__</c>/<c>__TIME__</c> (SOURCE_DATE_EPOCH); null: now.</summary>
    public long? SourceDateEpoch { get; init; }
    /// <summary>Reads a file's bytes, or null when it is not there (tests replace it).</summary>
    public Func<string, byte[]?>? ReadFile { get; init; }

    /// <summary>The kernel's flags for device trees: <c>-nostdinc -undef -D__DTS__ -x assembler-with-cpp</c>.</summary>
    public static PpOptions ForDeviceTree(IEnumerable<string> includePaths, IEnumerable<(string, string)> extraMacros) => new()
    {
        IncludePaths = includePaths.ToList(),
        MacroOperations = new[] { ("D", "__DTS__") }.Concat(extraMacros).ToList(),
    };
}

/// <summary>Preprocessed text, the files it read (for dependency output: the input first, as named, "&lt;stdin&gt;" for
/// standard input, then each file in the order it was first opened) and what went wrong.</summary>
public sealed record PpResult(string Text, IReadOnlyList<string> Dependencies, IReadOnlyList<PpMessage> Messages)
{
    public bool Failed => Messages.Any(m => m.IsError);

    /// <summary>The text as bytes, each character one byte (the input's bytes pass through unchanged).</summary>
    public byte[] Bytes => System.Text.Encoding.Latin1.GetBytes(Text);
}

public enum PpSeverity
{
    Note,
    Warning,
    Error,
    /// <summary>Stops the run (a missing header, runaway nesting).</summary>
    Fatal,
}

/// <summary>A located message, printed the way cpp prints it (include chain first). <see cref="Location"/> and the
/// chain are path strings; <see cref="Message"/> and <see cref="Display"/> are message text, bytes one char each
/// (see <see cref="Diagnostics.Diagnostic"/>).</summary>
public sealed record PpMessage(PpSeverity Severity, string Location, string Message, IReadOnlyList<string> IncludedFrom)
{
    private const int ChainShown = 12;

    public bool IsError => Severity >= PpSeverity.Error;

    /// <summary>The source lines cpp prints under the message (see <see cref="Printed"/>); empty when it prints none
    /// (a place on the command line, in standard input, or in a file it cannot read there).</summary>
    public string Excerpt { get; init; } = "";

    /// <summary>The message as cpp writes it to standard error: <see cref="Display"/>, then its <see cref="Excerpt"/>.</summary>
    public string Printed => Excerpt.Length == 0 ? Display : Display + "\n" + Excerpt;

    /// <summary>The message with its include chain, without the source excerpt.</summary>
    public string Display
    {
        get
        {
            var sb = new System.Text.StringBuilder();
            var chain = IncludedFrom;
            for (var i = 0; i < chain.Count; i++)
            {
                // A runaway (recursive) chain is shortened: its ends say where it started and where it stopped.
                if (chain.Count > ChainShown && i == ChainShown / 2)
                {
                    var skipped = chain.Count - ChainShown;
                    sb.Append("                 ... ").Append(skipped).Append(" more ...,\n");
                    i += skipped - 1;
                    continue;
                }
                sb.Append(i == 0 ? "In file included from " : "                 from ").Append(IO.FileNameText.ToSourceText(chain[i]))
                  .Append(i == chain.Count - 1 ? ":\n" : ",\n");
            }
            var label = Severity switch
            {
                PpSeverity.Note => "note: ",
                PpSeverity.Warning => "warning: ",
                PpSeverity.Error => "error: ",
                _ => "fatal error: ",
            };
            sb.Append(IO.FileNameText.ToSourceText(Location)).Append(": ").Append(label).Append(Message);
            return sb.ToString();
        }
    }

    public override string ToString() => Display;
}
