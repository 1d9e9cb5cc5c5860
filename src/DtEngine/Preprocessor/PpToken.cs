namespace Viommu.DtEngine.Preprocessor;

/// <summary>The kinds of preprocessing token (C's pp-tokens plus the markers the expander needs).</summary>
public enum PpKind
{
    Identifier,
    Number,
    String,
    Char,
    Punctuator,
    /// <summary>Any other character (<c>@</c>, <c>\</c>, a lone quote in assembler mode).</summary>
    Other,
    EndOfLine,
    EndOfFile,
    /// <summary>Spacing hint from a macro expansion boundary; never printed itself.</summary>
    Padding,
    /// <summary>An empty macro argument next to <c>##</c>.</summary>
    Placemarker,
}

[Flags]
public enum PpFlags
{
    None = 0,
    /// <summary>White space (or a comment) came before the token on its line.</summary>
    PrevWhite = 1,
    /// <summary>First token of a source line.</summary>
    StartOfLine = 2,
    /// <summary>An identifier that must not be expanded again (it named a macro being expanded).</summary>
    NoExpand = 4,
    /// <summary>In a macro body: the parameter is stringized (<c>#x</c>).</summary>
    Stringize = 8,
    /// <summary>In a macro body: <c>##</c> follows this token.</summary>
    PasteLeft = 16,
    /// <summary>Made by <c>##</c> from two tokens (or left beside the other by a failed paste in assembler): cpp lexes
    /// the pair's spelling again when it reads the token, which moves where its next messages point.</summary>
    Pasted = 32,
}

/// <summary>One preprocessing token with where it was read.</summary>
public sealed class PpToken
{
    public PpToken(PpKind kind, string text, PpFlags flags, PpSourceFile? file, int line, int column)
    {
        Kind = kind;
        Text = text;
        Flags = flags;
        File = file;
        Line = line;
        Column = column;
    }

    public PpKind Kind { get; }
    public string Text { get; }
    public PpFlags Flags { get; set; }
    public PpSourceFile? File { get; }
    public int Line { get; }
    public int Column { get; }
    /// <summary>How many characters of the source the token stands for where that is not its text (a builtin macro's
    /// result stands for the macro's name); -1 otherwise.</summary>
    public int SourceLength { get; init; } = -1;
    /// <summary>In a macro body, the index of the parameter this token names; otherwise -1.</summary>
    public int ParameterIndex { get; init; } = -1;
    /// <summary>For padding: the token whose leading white space decides spacing (null: avoid pasting only).</summary>
    public PpToken? PaddingSource { get; init; }

    public bool PrevWhite => (Flags & PpFlags.PrevWhite) != 0;
    public bool Is(string punctuator) => Kind == PpKind.Punctuator && Text == punctuator;

    public PpToken With(PpFlags flags) => new(Kind, Text, flags, File, Line, Column) { ParameterIndex = ParameterIndex, PaddingSource = PaddingSource };

    /// <summary>A copy placed at another position (tokens of a macro expansion print where the macro was used).</summary>
    public PpToken At(PpToken where, PpFlags flags) => new(Kind, Text, flags, where.File, where.Line, where.Column);

    public static PpToken Padding(PpToken? source) => new(PpKind.Padding, "", PpFlags.None, source?.File, source?.Line ?? 0, source?.Column ?? 0) { PaddingSource = source };

    public override string ToString() => Text;
}

/// <summary>A file being preprocessed: the name printed in line markers and diagnostics, and its folder.</summary>
public sealed class PpSourceFile
{
    public PpSourceFile(string name, string? searchDirectory, int foundInSearchPath)
    {
        Name = name;
        SearchDirectory = searchDirectory;
        FoundInSearchPath = foundInSearchPath;
    }

    /// <summary>The path as cpp prints it (search folder + "/" + the name written in the directive).</summary>
    public string Name { get; set; }
    /// <summary>The folder <c>#include "..."</c> looks in first (the file's own folder).</summary>
    public string? SearchDirectory { get; }
    /// <summary>Index in the search path where this file was found (for <c>#include_next</c>), -1 if not found there.</summary>
    public int FoundInSearchPath { get; }
    /// <summary>Lines added by <c>#line</c>: printed line = physical line + this.</summary>
    public int LineDelta { get; set; }

    /// <summary>The text of a printed line, for a message's column and source excerpt: set for files read from disk
    /// (not for standard input, which cpp cannot read again); null where the line is not this file's (see
    /// <see cref="PpLexer.SourceLine"/>).</summary>
    internal Func<int, string?>? SourceLineOf { get; set; }
}
