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
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        var full = Path.GetFullPath(path);
        if (IsSpecialFile(full))
        {
            // a device or pipe (/dev/null, /dev/stdout, a FIFO) is written in place, never replaced
            using var special = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            special.Write(bytes);
            return;
        }
        var dir = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(bytes);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
    }

    /// <summary>True for an existing path that is not a regular file (character device, FIFO, socket).</summary>
    private static bool IsSpecialFile(string path)
    {
        if (!OperatingSystem.IsLinux()) return path.StartsWith("/dev/", StringComparison.Ordinal);
        var mode = UnixFileType(path);
        return mode is { } m && (m & 0xF000) != 0x8000 && (m & 0xF000) != 0x4000;
    }

    // the soname, not "libc": the runtime then opens the already loaded library at once instead of probing ~40 paths
    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "stat", SetLastError = false)]
    private static extern int Stat(byte[] path, byte[] buffer);

    /// <summary>st_mode of a path (glibc's struct stat layout), or null when it does not exist.</summary>
    private static uint? UnixFileType(string path)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        var buffer = new byte[256];
        try
        {
            if (Stat(name, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return path.StartsWith("/dev/", StringComparison.Ordinal) ? 0x2000u : null;
        }
        // st_mode follows st_dev, st_ino (and st_nlink on x86-64)
        var offset = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 24 : 16;
        return BitConverter.ToUInt32(buffer, offset);
    }

    public static void WriteText(string path, string text) => Write(path, System.Text.Encoding.UTF8.GetBytes(text));
}
