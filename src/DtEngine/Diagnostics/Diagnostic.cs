namespace Viommu.DtEngine.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// One message from the engine: severity, an id (dtc's check name where one exists), a location
/// (file:line.col for DTS, a byte offset for DTB) and the text. <see cref="Display"/> is the line a
/// command prints, in dtc's wording.
/// </summary>
/// <remarks>The engine's text is bytes, one char each (Latin-1), as dtc's messages are: a node or property name shows
/// its bytes as the tree holds them, a file name (a path string, Unicode) its UTF-8 bytes. Print <see cref="Display"/>
/// as Latin-1 to give dtc's bytes; <see cref="ReadableText"/> makes such text a Unicode string for a reader.</remarks>
public sealed record Diagnostic(Severity Severity, string? Id, string? Location, string Message, string Display)
{
    /// <summary>
    /// False for the two messages dtc prints without a line end (a duplicate label in <c>/__symbols__</c>, a missing
    /// path named by <c>/__symbols__</c>); whatever is printed next continues that line, as with dtc.
    /// </summary>
    public bool EndsLine { get; init; } = true;

    /// <summary>For a message that ends the run, the exit status dtc ends with when it is not 1 (2 after a failure of
    /// its scanner); null otherwise.</summary>
    public int? ExitStatus { get; init; }

    /// <summary><see cref="Display"/> as a command prints it: with its line end unless <see cref="EndsLine"/> is false.</summary>
    public string Printed => EndsLine ? Display + "\n" : Display;

    public override string ToString() => Display;

    /// <summary>Message text (one char per byte) as a Unicode string: its bytes decoded as UTF-8 when they are valid
    /// UTF-8, else unchanged (a name with stray bytes 0x80-0xff keeps one char per byte).</summary>
    public static string ReadableText(string text)
    {
        if (System.Text.Ascii.IsValid(text)) return text;
        foreach (var c in text)
            if (c > '\u00ff') return text; // not message text: already Unicode
        var bytes = System.Text.Encoding.Latin1.GetBytes(text);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : text;
    }
}

/// <summary>Collects diagnostics; the library reports through one of these and never prints.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors { get; private set; }

    public void Add(Diagnostic d)
    {
        _items.Add(d);
        if (d.Severity == Severity.Error) HasErrors = true;
    }

    /// <summary>How many diagnostics the bag holds.</summary>
    public int Count => _items.Count;

    /// <summary>Adds <paramref name="d"/> before the diagnostics from <paramref name="index"/> on (a message that
    /// belongs before others already reported).</summary>
    internal void Insert(int index, Diagnostic d)
    {
        _items.Insert(index, d);
        if (d.Severity == Severity.Error) HasErrors = true;
    }

    public void AddRange(IEnumerable<Diagnostic> items)
    {
        foreach (var d in items) Add(d);
    }

    /// <summary>An error shaped like dtc's parser errors: <c>Error: LOC message</c>.</summary>
    public void Error(string? location, string message, string prefix = "Error")
        => Add(new Diagnostic(Severity.Error, null, location, message,
            location is null ? $"{prefix}: {message}" : $"{prefix}: {location} {message}"));

    /// <summary>An error whose text already starts with its location (<c>file:line:col: error: ...</c>).</summary>
    public void LocatedError(string line) => Add(new Diagnostic(Severity.Error, null, null, line, line));

    /// <summary>A free-standing warning line (dtc prints these as <c>Warning: ...</c>).</summary>
    public void Warning(string? location, string message, string display, bool endsLine = true)
        => Add(new Diagnostic(Severity.Warning, null, location, message, display) { EndsLine = endsLine });
}

/// <summary>
/// A fatal input error that stops processing (dtc's <c>die()</c>). Raised inside the engine and turned
/// into a <see cref="Diagnostic"/> at the public API boundary.
/// </summary>
public sealed class DtFatalException : Exception
{
    public DtFatalException(string message, string? location = null) : base(message) => Location = location;

    public string? Location { get; }

    /// <summary>The exit status the run ends with (dtc's is 1 for its <c>die()</c>).</summary>
    public int ExitStatus { get; init; } = 1;

    /// <summary>False for a message dtc prints without "FATAL ERROR: " (not through <c>die()</c>).</summary>
    public bool Prefixed { get; init; } = true;

    /// <summary>False for a message dtc prints without a line end.</summary>
    public bool EndsLine { get; init; } = true;

    public Diagnostic ToDiagnostic() => new(Severity.Error, "fatal", Location, Message,
        !Prefixed ? Message : Location is null ? $"FATAL ERROR: {Message}" : $"FATAL ERROR: {Location}: {Message}")
    {
        EndsLine = EndsLine,
        ExitStatus = ExitStatus == 1 ? null : ExitStatus,
    };
}
