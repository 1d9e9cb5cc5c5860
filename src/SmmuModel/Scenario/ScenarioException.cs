namespace Viommu.SmmuModel.Scenario;

/// <summary>A mistake in a scenario file, located by line and column (1-based).</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException(string file, long line, long column, string message)
        : base($"{file}:{line}:{column}: error: {message}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = message;
    }

    public string File { get; }
    public long Line { get; }
    public long Column { get; }
    public string Reason { get; }
}
