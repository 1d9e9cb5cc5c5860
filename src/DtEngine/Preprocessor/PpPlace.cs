namespace Viommu.DtEngine.Preprocessor;

/// <summary>
/// Where a message points: a file's printed line and character column (0: the line alone, as cpp places a directive
/// it reports as a whole), and how many characters the token there spans (cpp marks a token it names in the source
/// excerpt; where it lexed the token again from a paste, its '~' marks go only between the line's first and last
/// non-blank columns). No file: the message is the run's own (a missing input).
/// </summary>
internal readonly record struct PpPlace(PpSourceFile? File, int Line, int Column, int Length = 0, bool UnderlineInText = false)
{
    /// <summary>At a token read from a file; its spelling is its extent there.</summary>
    public static PpPlace Of(PpToken token) =>
        new(token.File, token.Line, token.Column, token.SourceLength >= 0 ? token.SourceLength : token.Text.Length);

    /// <summary>On the command line or among the builtins, where cpp has no lines.</summary>
    public bool InPseudoFile => File?.Name is "<command-line>" or "<built-in>";
}
