namespace Viommu.DtEngine.Preprocessor;

/// <summary>Macros computed at each use instead of defined by text.</summary>
public enum BuiltinMacro
{
    None,
    File,
    Line,
    Counter,
    IncludeLevel,
    BaseFile,
    Date,
    Time,
    /// <summary><c>__FILE_NAME__</c>: <c>__FILE__</c>'s last component.</summary>
    FileName,
    /// <summary><c>__TIMESTAMP__</c>: the current file's modification time, as asctime writes it.</summary>
    Timestamp,
    /// <summary><c>__has_include</c>: an operator of <c>#if</c> lines, defined for <c>#ifdef</c>.</summary>
    HasInclude,
    HasIncludeNext,
}

/// <summary>
/// A macro definition. Body tokens that name a parameter carry its index; <c>#</c> and <c>##</c> are folded
/// into flags on the tokens they apply to (<see cref="PpFlags.Stringize"/>, <see cref="PpFlags.PasteLeft"/>).
/// </summary>
public sealed class PpMacro
{
    public PpMacro(string name, IReadOnlyList<PpToken> body, PpToken? definedAt)
    {
        Name = name;
        Body = body;
        DefinedAt = definedAt;
    }

    public string Name { get; }
    public bool FunctionLike { get; init; }
    public IReadOnlyList<string> Parameters { get; init; } = Array.Empty<string>();
    /// <summary>The last parameter collects the remaining arguments (<c>...</c> or <c>name...</c>).</summary>
    public bool Variadic { get; init; }
    public IReadOnlyList<PpToken> Body { get; }
    public PpToken? DefinedAt { get; }
    /// <summary>The open file (an include frame) the definition was read in, for the chain of a note about it.</summary>
    internal IncludeFrame? DefinedInFile { get; init; }
    public BuiltinMacro Builtin { get; init; }
    /// <summary>Set while the macro's own expansion is being rescanned (no recursion).</summary>
    public bool Disabled { get; set; }

    /// <summary>Whether a redefinition is the same definition (C's rule: same parameters, same tokens and spacing).</summary>
    public bool SameDefinitionAs(PpMacro other)
    {
        if (FunctionLike != other.FunctionLike || Variadic != other.Variadic || Builtin != other.Builtin) return false;
        if (!Parameters.SequenceEqual(other.Parameters) || Body.Count != other.Body.Count) return false;
        for (var i = 0; i < Body.Count; i++)
        {
            var a = Body[i];
            var b = other.Body[i];
            if (a.Kind != b.Kind || a.Text != b.Text || a.ParameterIndex != b.ParameterIndex) return false;
            const PpFlags relevant = PpFlags.PrevWhite | PpFlags.Stringize | PpFlags.PasteLeft;
            if ((a.Flags & relevant) != (b.Flags & relevant) && i > 0) return false;
        }
        return true;
    }
}
