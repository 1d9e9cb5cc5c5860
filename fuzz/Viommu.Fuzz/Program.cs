using SharpFuzz;
using Viommu.Fuzz;

// Viommu.Fuzz TARGET: under afl-fuzz, SharpFuzz's out-of-process loop; alone, one run on standard input (to replay a
// finding: dotnet Viommu.Fuzz.dll TARGET < FILE, an escaped exception is printed and the exit code is not 0).
if (args.Length != 1 || !Targets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: Viommu.Fuzz TARGET < INPUT; targets: {string.Join(", ", Targets.All.Keys)}");
    return 2;
}
Fuzzer.OutOfProcess.Run(stream =>
{
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    target(copy.ToArray());
});
return 0;
