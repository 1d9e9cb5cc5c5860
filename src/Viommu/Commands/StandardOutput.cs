using System.Runtime.InteropServices;
using Viommu.DtEngine.IO;

namespace Viommu.Cli.Commands;

/// <summary>
/// Writes a command's output to file descriptor 1 with write(2), as dtc's stdio does. .NET's console stream takes a
/// closed pipe (EPIPE) for success, so <c>viommu dtc -O dts board.dtb | head</c> exited 0 with its output cut, where
/// dtc dies of SIGPIPE (the shell's status 141); and a FileStream over the descriptor writes at its own offsets
/// (pwrite), which would overwrite what a command after it in <c>{ ...; } &gt; file</c> writes.
/// </summary>
internal static class StandardOutput
{
    /// <summary>The shell's status for a process ended by SIGPIPE.</summary>
    public const int BrokenPipeStatus = 128 + 13;

    private const int Interrupted = 4, BrokenPipe = 32;

    [DllImport("libc.so.6", EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, ref byte buffer, nuint count);

    /// <summary>Writes all of <paramref name="bytes"/>. False when the reader has gone (EPIPE); any other failure is an
    /// <see cref="OutputWriteException"/> carrying its errno.</summary>
    public static bool TryWriteAll(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var written = Write(1, ref MemoryMarshal.GetReference(bytes), (nuint)bytes.Length);
            if (written >= 0)
            {
                bytes = bytes[(int)written..];
                continue;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == Interrupted) continue;
            if (errno == BrokenPipe) return false;
            throw new OutputWriteException(new IOException("write", errno), errno);
        }
        return true;
    }
}
