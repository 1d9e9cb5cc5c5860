using System.Diagnostics;
using System.Text;

namespace Viommu.Cli.Tests;

/// <summary>
/// A run killed at any moment leaves the output file as it was or as the finished run writes it, never a
/// partial file: the command writes a temporary file and renames it over the target.
/// </summary>
public class AtomicOutputKillTests
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "viommu.dll");

    private static string LargeSource()
    {
        var sb = new StringBuilder("/dts-v1/;\n/ {\n\t#address-cells = <1>;\n\t#size-cells = <1>;\n");
        for (var i = 0; i < 4_000; i++)
            sb.Append("\tnode").Append(i).Append("@").Append(i.ToString("x")).Append(" { reg = <0x").Append(i.ToString("x"))
              .Append(" 0x10>; compatible = \"vendor,device-with-a-long-compatible-string\"; data = [0102030405060708]; };\n");
        sb.Append("};\n");
        return sb.ToString();
    }

    [Fact]
    public void Killing_dtc_mid_run_leaves_the_old_or_the_new_output()
    {
        using var t = new TempDir();
        var source = t.File("big.dts", LargeSource());
        var target = t.File("out.dts");
        var old = Encoding.ASCII.GetBytes("/dts-v1/;\n/ { old; };\n");
        var clock = Stopwatch.StartNew();
        var finished = Cli.Run(t.Path, "dtc", "-I", "dts", "-O", "dts", "-o", target, source);
        var runTime = (int)clock.ElapsedMilliseconds;
        Assert.Equal(0, finished.ExitCode);
        var complete = File.ReadAllBytes(target);
        Assert.True(complete.Length > 300_000);
        var random = new Random(3);
        var sawOld = false;
        var sawNew = false;
        for (var round = 0; round < 10; round++)
        {
            File.WriteAllBytes(target, old);
            var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { Dll, "dtc", "-I", "dts", "-O", "dts", "-o", target, source }) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            // Kill times spread from start-up to past the end of a full run; the first round is killed at once
            // and the last one is left to finish, so both outcomes are seen.
            if (round == 9) p.WaitForExit();
            else Thread.Sleep(round == 0 ? 20 : random.Next(20, runTime + 200));
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            var now = File.ReadAllBytes(target);
            var isOld = now.AsSpan().SequenceEqual(old);
            var isNew = now.AsSpan().SequenceEqual(complete);
            Assert.True(isOld || isNew, $"round {round}: the output is neither the old nor the new file ({now.Length} bytes)");
            sawOld |= isOld;
            sawNew |= isNew;
        }
        // The kill times spread over the run, so both outcomes occur; the file is never in between.
        Assert.True(sawOld, "no kill landed before the rename");
        Assert.True(sawNew, "no run finished before its kill");
    }
}
