using Viommu.DtEngine.Diagnostics;

namespace Viommu.DtEngine.Dts;

/// <summary>
/// Finds and reads source files the way dtc does: relative to the including file's folder first, then
/// each search path (<c>-i</c>) in order. Records every file opened, for dependency output.
/// </summary>
public sealed class SourceResolver
{
    private readonly Func<string, byte[]?> _read;

    public SourceResolver(IEnumerable<string>? searchPaths = null, Func<string, byte[]?>? read = null)
    {
        SearchPaths = new List<string>(searchPaths ?? Array.Empty<string>());
        _read = read ?? ReadFileOrNull;
    }

    public List<string> SearchPaths { get; }

    /// <summary>Every file opened, in order, as named in diagnostics (dtc's dependency list).</summary>
    public List<string> Opened { get; } = new();

    /// <summary>Content to use for the name "-" (standard input).</summary>
    public byte[]? StandardInput { get; set; }

    /// <summary>A file's bytes, or null when it is missing, unreadable or a folder.</summary>
    internal static byte[]? ReadFileOrNull(string path)
    {
        try
        {
            return Directory.Exists(path) ? null : File.ReadAllBytes(path);
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        catch (ArgumentException) { return null; } // an empty name, or one with a NUL
    }

    /// <summary>Opens a file; returns its full name and bytes or throws a fatal error naming it.</summary>
    /// <param name="name">the name as given ("-" for standard input)</param>
    /// <param name="currentDirectory">the including file's folder, tried before the search paths</param>
    /// <param name="read">what the file is read as: it says what happens when the name finds a folder, which dtc opens
    /// (fopen succeeds on one) and then fails to read</param>
    public (string FullName, byte[] Data) Open(string name, string? currentDirectory, OpenedAs read = OpenedAs.Source)
    {
        if (name == "-")
        {
            var data = StandardInput ?? IO.StandardInput.TryReadAll(out var failure) ?? throw ReadFailure(read, failure!);
            Opened.Add("<stdin>");
            return ("<stdin>", data);
        }
        var last = name;
        foreach (var candidate in Candidates(name, currentDirectory))
        {
            if (Directory.Exists(candidate))
            {
                Opened.Add(candidate);
                throw FolderRead(read);
            }
            var bytes = _read(candidate);
            last = candidate;
            if (bytes is null) continue;
            Opened.Add(candidate);
            return (candidate, bytes);
        }
        // dtc prints the last try's errno
        throw new DtFatalException($"Couldn't open \"{IO.FileNameText.ToSourceText(name)}\": {IO.UnixStat.OpenFailure(last)}");
    }

    /// <summary>dtc's failure reading a folder it opened (errno EISDIR), by what it read it as.</summary>
    private static DtFatalException FolderRead(OpenedAs read) => ReadFailure(read, "Is a directory");

    /// <summary>dtc's failure reading a file it opened, by what it read it as.</summary>
    private static DtFatalException ReadFailure(OpenedAs read, string reason) => read switch
    {
        // flex's YY_FATAL_ERROR: its own words and exit status, not die()'s
        OpenedAs.Source => new DtFatalException("input in flex scanner failed") { Prefixed = false, ExitStatus = 2 },
        OpenedAs.Binary => new DtFatalException($"Error reading file into data: {reason}") { EndsLine = false }, // as dtc: no line end
        _ => new DtFatalException($"Error reading DT blob magic number: {reason}"),
    };

    private IEnumerable<string> Candidates(string name, string? currentDirectory)
    {
        yield return Join(currentDirectory, name);
        foreach (var dir in SearchPaths) yield return Join(dir, name);
    }

    private static string Join(string? dir, string name)
    {
        if (dir is null || name.StartsWith('/')) return name;
        return dir.EndsWith('/') ? dir + name : dir + "/" + name;
    }

    /// <summary>The folder part of a path as dtc computes it (text before the last '/'), or null.</summary>
    public static string? DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? null : path[..slash];
    }
}

/// <summary>What a file is opened to be read as (<see cref="SourceResolver.Open"/>).</summary>
public enum OpenedAs
{
    /// <summary>DTS source: the input or an <c>/include/</c>.</summary>
    Source,
    /// <summary>Bytes taken whole: an <c>/incbin/</c>.</summary>
    Binary,
    /// <summary>A flattened tree (DTB input).</summary>
    Blob,
}
