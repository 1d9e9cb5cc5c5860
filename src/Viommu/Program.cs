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
        // Commands that stand in for existing tools parse their arguments the way those tools do.
        if (args.Length > 0 && args[0] == "dtc") return DtcCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "lopper") return LopperCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "cpp") return CppCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "overlay") return OverlayCommand.Run(args[1..]);

        var root = new RootCommand("Viommu: a device-tree engine and Xen vSMMUv3 binder.");
        var dtc = new Command("dtc", "Compile device trees; accepts dtc's options (see 'viommu dtc -h').");
        root.Subcommands.Add(dtc);
        root.Subcommands.Add(new Command("overlay", "Apply overlays to a base blob as fdtoverlay does: -i BASE -o OUT OVERLAY...; see 'viommu overlay -h'."));
        root.Subcommands.Add(new Command("cpp", "Preprocess like GNU cpp (-I -D -U -include -o -P -M...); see 'viommu cpp -h'."));
        root.Subcommands.Add(new Command("lopper", "Run Lopper lop files; accepts Lopper's options (see 'viommu lopper -h')."));
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(XenCommand.Create());
        root.Subcommands.Add(SmmuCommand.Create());
        return root.Parse(args).Invoke();
    }
}
