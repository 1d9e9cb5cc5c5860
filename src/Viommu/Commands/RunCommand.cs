using System.CommandLine;
using Viommu.DtEngine.IO;
using Viommu.Lops.Runtime;

namespace Viommu.Cli.Commands;

/// <summary><c>viommu run PIPELINE.yaml</c>: runs a YAML pipeline on the tree it names (or <c>--input</c>).</summary>
public static class RunCommand
{
    public static Command Create()
    {
        var pipeline = new Argument<string>("pipeline") { Description = "Pipeline file (YAML): input, output, lops." };
        var input = new Option<string?>("--input") { Description = "System tree (overrides the pipeline's 'input')." };
        var output = new Option<string?>("--output", "-o") { Description = "Final tree (overrides the pipeline's 'output')." };
        var outdir = new Option<string?>("--outdir", "-O") { Description = "Folder for output lops (default: the pipeline's 'outdir' or .)." };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite existing outputs." };
        var plugins = new Option<string[]>("--plugin") { Description = "Folder of plugin assemblies (repeatable)." };
        var command = new Command("run", "Run a YAML pipeline of lops.") { pipeline, input, output, outdir, force, plugins };
        command.SetAction(parse => Run(parse.GetValue(pipeline)!, parse.GetValue(input), parse.GetValue(output),
            parse.GetValue(outdir), parse.GetValue(force), parse.GetValue(plugins) ?? Array.Empty<string>()));
        return command;
    }

    private static int Run(string file, string? input, string? output, string? outdir, bool force, string[] plugins)
    {
        YamlPipeline pipeline;
        try
        {
            pipeline = YamlLopReader.Read(file);
        }
        catch (YamlInputException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is ArgumentException && file.Length == 0))
        {
            Console.Error.WriteLine($"{file}: error: cannot read: {IoErrorText.Of(e, file)}");
            return 1;
        }
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(file))!;
        string? Relative(string? p) => p is null ? null : Path.Combine(baseDir, p);
        var tree = input ?? Relative(pipeline.Input);
        if (tree is null)
        {
            Console.Error.WriteLine($"{file}: error: no input tree: give 'input:' in the pipeline or --input");
            return 1;
        }
        var settings = new LopperJobSettings
        {
            Input = tree,
            Output = output ?? Relative(pipeline.Output),
            Pipelines = new[] { pipeline.Lops },
            PluginFolders = plugins,
            Lops = new LopSettings { OutputDirectory = outdir ?? Relative(pipeline.OutputDirectory) ?? ".", Force = force },
        };
        return LopperCommand.Report(LopperJob.Run(settings, Console.Out), 0);
    }
}
