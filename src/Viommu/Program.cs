using System.CommandLine;
using Viommu.Cli.Commands;

namespace Viommu.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return Dispatch(args);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a user mistake: say so plainly, without a stack trace.
            Console.Error.WriteLine($"viommu: internal error: {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }

    private static int Dispatch(string[] args)
    {
        // Commands that stand in for existing tools parse their arguments the way those tools do
        // (dtc decides on the no-collection region itself, from its input's size).
        if (args.Length > 0 && args[0] == "dtc") return DtcCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "cpp") return CppCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "overlay") return OverlayCommand.Run(args[1..]);
        RunMemory.NoCollectionsWhileShort();
        if (args.Length > 0 && args[0] == "lopper") return LopperCommand.Run(args[1..]);

        var root = new RootCommand("Viommu: a device-tree engine and Xen vSMMUv3 binder.");
        root.Subcommands.Add(DtcCommand.Describe());
        root.Subcommands.Add(OverlayCommand.Describe());
        root.Subcommands.Add(CppCommand.Describe());
        root.Subcommands.Add(LopperCommand.Describe());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(XenCommand.Create());
        root.Subcommands.Add(SmmuCommand.Create());
        root.Subcommands.Add(CompletionCommand.Create());
        return root.Parse(args).Invoke();
    }
}
