namespace Viommu.DtEngine.Preprocessor;

/// <summary>One open file on the include stack, with the state of its include-guard detection.</summary>
internal sealed class IncludeFrame
{
    public IncludeFrame(PpLexer lexer, string fullPath, string? includedAt, int conditionDepth, int returnLine)
    {
        Lexer = lexer;
        FullPath = fullPath;
        IncludedAt = includedAt;
        ConditionDepth = conditionDepth;
        ReturnLine = returnLine;
    }

    public PpLexer Lexer { get; }
    /// <summary>The file that included this one (null for the main file): messages name the chain after it closes.</summary>
    public IncludeFrame? Parent { get; init; }
    /// <summary>
    /// How the file was asked for (search start and name as written): cpp remembers a file's include guard
    /// per such request, not per path, so the same file reached another way is entered again.
    /// </summary>
    public string? GuardKey { get; init; }
    public PpSourceFile File => Lexer.File;
    /// <summary>Absolute path: identity for <c>#pragma once</c> and include guards.</summary>
    public string FullPath { get; }
    /// <summary>"file:line" of the directive that included this file; null for the main file.</summary>
    public string? IncludedAt { get; }
    /// <summary>Conditionals open when the file was entered; those above must close in this file.</summary>
    public int ConditionDepth { get; }
    /// <summary>Line of the includer to print in the marker when this file ends.</summary>
    public int ReturnLine { get; }

    /// <summary>
    /// cpp's system-header level: 0 for a user file, 2 for one found in a system folder (-isystem, -idirafter) or
    /// included from a system header (line markers add " 3 4"), 1 after <c>#pragma GCC system_header</c> (" 3").
    /// </summary>
    public int SystemLevel { get; set; }

    // Multiple-include optimisation, as cpp: the file is "#ifndef X ... #endif" with nothing outside.
    public bool GuardValid { get; set; } = true;
    public string? GuardMacro { get; set; }
}

/// <summary>One open <c>#if</c> group.</summary>
internal sealed class Conditional
{
    public Conditional(PpToken start, bool parentSkipping)
    {
        Start = start;
        ParentSkipping = parentSkipping;
        Kind = start.Text;
    }

    /// <summary>The directive that last changed the conditional, as an unterminated one is named: if, ifdef or ifndef,
    /// then else or elif (elifdef and elifndef included).</summary>
    public string Kind { get; set; }

    public PpToken Start { get; }
    public bool ParentSkipping { get; }
    public bool Taken { get; set; }
    public bool Skipping { get; set; }
    /// <summary>The guard macro when this is a file's opening <c>#ifndef</c>; cleared by <c>#else</c>/<c>#elif</c>.</summary>
    public string? GuardMacro { get; set; }
}
