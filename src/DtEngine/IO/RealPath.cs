using System.Runtime.InteropServices;

namespace Viommu.DtEngine.IO;

/// <summary>realpath(3): a path with every symbolic link, "." and ".." resolved, as the C library gives it.</summary>
internal static class RealPath
{
    [DllImport("libc.so.6", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr Resolve(byte[] path, IntPtr resolved);

    [DllImport("libc.so.6", EntryPoint = "free")]
    private static extern void Free(IntPtr memory);

    /// <summary>The resolved path, or null when it cannot be resolved (a missing component, no C library).</summary>
    public static string? Of(string path)
    {
        try
        {
            var resolved = Resolve(System.Text.Encoding.UTF8.GetBytes(path + "\0"), IntPtr.Zero);
            if (resolved == IntPtr.Zero) return null;
            var text = Marshal.PtrToStringUTF8(resolved);
            Free(resolved);
            return text;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// GNU cpp's canonical name for a system header: the resolved path when it is shorter than
    /// <paramref name="path"/> (in bytes), else null. <paramref name="path"/> is relative to
    /// <paramref name="workingDirectory"/>.
    /// </summary>
    public static string? Shorter(string path, string workingDirectory)
    {
        var resolved = Of(Path.IsPathRooted(path) ? path : Path.Combine(workingDirectory, path));
        return resolved is not null && System.Text.Encoding.UTF8.GetByteCount(resolved) < System.Text.Encoding.UTF8.GetByteCount(path)
            ? resolved : null;
    }
}
