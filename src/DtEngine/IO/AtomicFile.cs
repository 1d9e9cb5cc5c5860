namespace Viommu.DtEngine.IO;

/// <summary>
/// Writes files atomically: the bytes go to a temporary file in the same folder and the temporary file is
/// renamed over the target. A reader, or a run killed at any point, sees the old file or the new one, never
/// a partial one.
/// </summary>
/// <remarks>
/// The data is not forced to disk before the rename (no fsync), as compilers and dtc do not: on this VM a flush
/// cost 7 ms of wall time per output file, more than the whole run. Surviving a power cut between write-back and
/// rename is left to the file system (ext4, by default, writes back the data of a file renamed over another first).
/// </remarks>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; a symbolic link is written through to its
    /// final target (as fopen does), not replaced.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        if (path.Length == 0) throw new FileNotFoundException(); // open("") is ENOENT
        var full = Path.GetFullPath(path);
        if (IsSpecialFile(full))
        {
            // a device or pipe (/dev/null, /dev/stdout, a FIFO), or a link to one, is written in place, never replaced
            // unbuffered: the bytes go in one write, and a failed one is not tried again when the stream is disposed
            using var special = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            WriteAll(special, bytes);
            return;
        }
        // asked after the special files: /dev/stdout on a pipe is a link to /proc/self/fd/1, whose text is "pipe:[N]"
        full = WriteTarget(full);
        var temp = TempName(full);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                WriteAll(fs, bytes);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>Writes and flushes an opened stream; a failure then is an <see cref="OutputWriteException"/>.</summary>
    private static void WriteAll(Stream stream, ReadOnlySpan<byte> bytes)
    {
        try
        {
            stream.Write(bytes);
            stream.Flush();
        }
        catch (IOException e) when (e is not OutputWriteException)
        {
            throw new OutputWriteException(e);
        }
        catch (UnauthorizedAccessException e)
        {
            // .NET's word for EACCES, EPERM and EBADF from write(2): the errno of the failed write is the last one kept
            throw new OutputWriteException(e, System.Runtime.InteropServices.Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// Throws what <see cref="Write"/> would throw for <paramref name="path"/> when it cannot be written (a missing or
    /// read-only folder, a folder in its place), leaving nothing behind; the target is not touched.
    /// </summary>
    public static void CheckWritable(string path)
    {
        if (path.Length == 0) throw new FileNotFoundException();
        var full = Path.GetFullPath(path);
        if (IsSpecialFile(full))
        {
            new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose();
            return;
        }
        full = WriteTarget(full);
        if (Directory.Exists(full)) throw new IOException("Is a directory", 21); // rename(2) onto a folder: EISDIR
        var temp = TempName(full);
        new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        File.Delete(temp);
    }

    /// <summary>The file a write goes to: the full path, or the final target of the symbolic link it names (which need
    /// not exist yet; a loop throws, as open does with ELOOP).</summary>
    private static string WriteTarget(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        try
        {
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            // .NET's own code and words for the loop; the errno's, as every other failure of a write carries
            throw new IOException("Too many levels of symbolic links", 40);
        }
    }

    private static string TempName(string full)
        => Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    /// <summary>True for an existing path that is not a regular file (character device, FIFO, socket).</summary>
    private static bool IsSpecialFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return path.StartsWith("/dev/", StringComparison.Ordinal);
        var mode = UnixStat.Mode(path, out var available);
        if (!available) return path.StartsWith("/dev/", StringComparison.Ordinal);
        return mode is { } m && (m & UnixStat.TypeMask) is not (UnixStat.Regular or UnixStat.Directory);
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>Whether two names reach one existing file once links, "." and ".." are resolved (gcc refuses to write
    /// its output over its input).</summary>
    public static bool SameFile(string a, string b) =>
        RealPath.Of(a) is { } resolved && resolved == RealPath.Of(b);

    /// <summary>
    /// Removes the output of a failed run when it names a regular file (or a link to one: the link goes), as gcc's
    /// driver does, so no output of an earlier run stays behind looking current; devices and folders are left alone.
    /// </summary>
    public static void DeleteFailedOutput(string path)
    {
        var mode = UnixStat.Mode(path, out var available);
        if (!available || mode is not { } m || (m & UnixStat.TypeMask) != UnixStat.Regular) return;
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // what cannot be removed stays, as with gcc
        }
    }
}
