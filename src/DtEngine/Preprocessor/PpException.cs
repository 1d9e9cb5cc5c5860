namespace Viommu.DtEngine.Preprocessor;

/// <summary>A preprocessing error at a place in a file; fatal ones stop the run (as cpp's "fatal error").</summary>
public sealed class PpException : Exception
{
    public PpException(string message, PpSourceFile? file, int line, int column, bool fatal = false) : base(message)
    {
        File = file;
        Line = line;
        Column = column;
        Fatal = fatal;
    }

    public PpException(string message, PpToken at, bool fatal = false) : this(message, at.File, at.Line, at.Column, fatal)
        => Length = at.SourceLength >= 0 ? at.SourceLength : at.Text.Length;

    public PpSourceFile? File { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>How many characters the token the message names spans (0: a place, not a token; -1: one of cpp's line
    /// notes, shown with no caret).</summary>
    public int Length { get; init; }
    /// <summary>The token's '~' marks go only under the line's text, from its first non-blank column to its last (cpp
    /// marks a token it lexed again from a paste so, past the line's end too).</summary>
    public bool UnderlineInText { get; init; }
    public bool Fatal { get; }
    /// <summary>Stops a directive whose message was given already (a poisoned name is reported as it is read).</summary>
    public bool AlreadyReported { get; init; }
    /// <summary>A warning found where errors are collected (the expander's); it does not fail the run.</summary>
    public bool Warning { get; init; }
    /// <summary>A second place the message refers to (where the macro was defined), printed as a note.</summary>
    public PpToken? Note { get; init; }
    public string? NoteText { get; init; }
}
