using System.Diagnostics;

namespace Viommu.Cli.Tests;

/// <summary>Runs the built viommu command as a separate process, as users and build systems do.</summary>
internal static class Cli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "viommu.dll");

    public sealed record Result(int ExitCode, byte[] Stdout, byte[] StderrBytes)
    {
        public string StdoutText => System.Text.Encoding.Latin1.GetString(Stdout);

        /// <summary>stderr decoded as UTF-8 (the tool's own messages; dtc's are bytes: see <see cref="StderrBytes"/>).</summary>
        public string Stderr => System.Text.Encoding.UTF8.GetString(StderrBytes);
    }

    public static Result Run(string workingDirectory, byte[]? stdin, params string[] args) => Run(workingDirectory, stdin, null, args);

    public static Result Run(string workingDirectory, byte[]? stdin, IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var psi = Command(workingDirectory, "dotnet", [Dll, .. args]);
        psi.RedirectStandardInput = true;
        if (environment is not null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        return Execute(psi, p =>
        {
            if (stdin is not null) p.StandardInput.BaseStream.Write(stdin);
            p.StandardInput.Close();
        });
    }

    public static Result Run(string workingDirectory, params string[] args) => Run(workingDirectory, null, args);

    /// <summary>Runs the command with standard input opened from <paramref name="stdinPath"/> by the shell (a folder
    /// opens: reading it fails).</summary>
    public static Result RunWithStdinFrom(string workingDirectory, string stdinPath, params string[] args)
    {
        var psi = Command(workingDirectory, "bash", ["-c", "exec \"$@\" < \"$VIOMMU_TEST_STDIN\"", "bash", "dotnet", Dll, .. args]);
        psi.Environment["VIOMMU_TEST_STDIN"] = stdinPath;
        return Execute(psi, _ => { });
    }

    /// <summary>Runs the command with its standard output read for <paramref name="bytes"/> bytes and then closed, as
    /// <c>| head -c N</c> does; the exit code and stderr.</summary>
    public static (int ExitCode, string Stderr) RunWithOutputClosedAfter(string workingDirectory, int bytes, params string[] args)
    {
        using var p = Process.Start(Command(workingDirectory, "dotnet", [Dll, .. args]))!;
        var stderr = p.StandardError.ReadToEndAsync();
        var head = new byte[bytes];
        p.StandardOutput.BaseStream.ReadExactly(head);
        p.StandardOutput.Close();
        p.WaitForExit();
        return (p.ExitCode, stderr.Result);
    }

    /// <summary>A program started in <paramref name="workingDirectory"/> with these arguments, its stdout and stderr
    /// read by the test.</summary>
    private static ProcessStartInfo Command(string workingDirectory, string program, IEnumerable<string> arguments)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>Starts the process, gives it its input (<paramref name="feed"/>) while both outputs are read, and waits.</summary>
    private static Result Execute(ProcessStartInfo psi, Action<Process> feed)
    {
        using var p = Process.Start(psi)!;
        var stderr = new MemoryStream();
        var stderrCopy = p.StandardError.BaseStream.CopyToAsync(stderr);
        var stdout = new MemoryStream();
        var copy = p.StandardOutput.BaseStream.CopyToAsync(stdout);
        feed(p);
        copy.Wait();
        stderrCopy.Wait();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.ToArray(), stderr.ToArray());
    }
}
