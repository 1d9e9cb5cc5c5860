using System.Runtime.InteropServices;

namespace Viommu.DtEngine.IO;

/// <summary>Reads all of standard input, saying why in strerror's words when it cannot (a closed descriptor, a
/// folder given as input: <c>&lt;&amp;-</c>, <c>&lt; /</c>).</summary>
public static class StandardInput
{
    /// <summary>All of standard input, or null with <paramref name="failure"/> saying why.</summary>
    public static byte[]? TryReadAll(out string? failure)
    {
        failure = null;
        try
        {
            using var stdin = Console.OpenStandardInput();
            using var ms = new MemoryStream();
            stdin.CopyTo(ms);
            return ms.ToArray();
        }
        catch (IOException e)
        {
            // .NET keeps a failed call's errno in HResult
            failure = e.HResult is > 0 and < 200 ? Marshal.GetPInvokeErrorMessage(e.HResult) : e.Message;
        }
        catch (UnauthorizedAccessException e)
        {
            // EBADF (a closed descriptor, found as .NET duplicates it), EACCES or EPERM: the errno is the last one kept
            var errno = Marshal.GetLastPInvokeError();
            failure = errno > 0 ? Marshal.GetPInvokeErrorMessage(errno) : e.Message;
        }
        return null;
    }
}
