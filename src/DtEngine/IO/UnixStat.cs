namespace Viommu.DtEngine.IO;

/// <summary>The file type of a path as stat() reports it (following links), where .NET has no such question.</summary>
internal static class UnixStat
{
    public const uint TypeMask = 0xF000, Regular = 0x8000, Directory = 0x4000;

    // the soname, not "libc": the runtime then opens the already loaded library at once instead of probing ~40 paths
    [System.Runtime.InteropServices.DllImport("libc.so.6", EntryPoint = "stat", SetLastError = true)]
    private static extern int Stat(byte[] path, byte[] buffer);

    /// <summary>
    /// st_mode of a path (glibc's struct stat layout), or null when stat fails (<see cref="LastError"/> then says
    /// why); <paramref name="available"/> is false where there is no glibc to ask.
    /// </summary>
    public static uint? Mode(string path, out bool available)
    {
        available = true;
        var name = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        var buffer = new byte[256];
        try
        {
            if (Stat(name, buffer) != 0) return null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            available = false;
            return null;
        }
        // st_mode follows st_dev, st_ino (and st_nlink on x86-64)
        var offset = System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.X64 ? 24 : 16;
        return BitConverter.ToUInt32(buffer, offset);
    }

    /// <summary>Why the last failed <see cref="Mode"/> failed, in strerror's words (the C library's own).</summary>
    public static string LastError => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(
        System.Runtime.InteropServices.Marshal.GetLastPInvokeError());

    /// <summary>Why a path could not be opened, in strerror's words: stat's errno where it fails (ENOENT, ENOTDIR,
    /// ELOOP, ENAMETOOLONG, EACCES on the way), else <paramref name="whenPresent"/> (what opening something that is
    /// there failed with: "Permission denied" for fopen, "Not a directory" for opendir of a file).</summary>
    public static string OpenFailure(string path, string whenPresent = "Permission denied")
    {
        var mode = Mode(path, out var available);
        if (!available) return File.Exists(path) ? whenPresent : PathFailure.Missing(path);
        return mode is null ? LastError : whenPresent;
    }
}
