namespace Viommu.DtEngine.IO;

/// <summary>
/// Why a file operation failed, in strerror's words. A Native-AOT build carries no exception message texts (its
/// messages are resource keys such as "IO_FileNotFound_FileName, /x"), and .NET gives one exception for several
/// errnos; messages for users are made from these words, never from <see cref="Exception.Message"/>.
/// </summary>
public static class IoErrorText
{
    private const int InputOutput = 5, IsADirectory = 21, TextBusy = 26, NoSpace = 28, ReadOnly = 30, Loop = 40;

    /// <summary>The reason <paramref name="e"/> gives.</summary>
    public static string Of(Exception e) => e switch
    {
        // a write's failure carries its errno
        OutputWriteException { HResult: > 0 and < 200 } w => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(w.HResult),
        DirectoryNotFoundException => "No such file or directory",
        FileNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        PathTooLongException => "File name too long",
        // .NET keeps the errno of a failed system call in HResult (its message adds the path); these are the ones
        // opening or writing a file meets that .NET has no exception of its own for (ENOTDIR is a DirectoryNotFound)
        IOException { HResult: IsADirectory or NoSpace or ReadOnly or TextBusy or InputOutput or Loop } io
            => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => e.Message,
    };

    /// <summary>The reason a failure on <paramref name="path"/> gives: a missing folder on the way is ENOENT or, where a
    /// file stands in its place, ENOTDIR (.NET says DirectoryNotFound for both); a folder read as a file is EISDIR
    /// (.NET says access denied); an empty name is ENOENT.</summary>
    public static string Of(Exception e, string path)
    {
        if (path.Length == 0) return "No such file or directory";
        if (e is DirectoryNotFoundException or FileNotFoundException) return PathFailure.Missing(Path.GetFullPath(path));
        if (e is UnauthorizedAccessException && Directory.Exists(path)) return "Is a directory";
        return Of(e);
    }
}
