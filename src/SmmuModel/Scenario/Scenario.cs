using Viommu.SmmuModel.Memory;
using Viommu.SmmuModel.Registers;
using Viommu.SmmuModel.Translation;

namespace Viommu.SmmuModel.Scenario;

/// <summary>A scenario: register values, memory contents and transactions to run in order.</summary>
public sealed class SmmuScenario
{
    public SmmuRegisters Registers { get; } = new();
    public PhysicalMemory Memory { get; } = new();
    public List<Transaction> Transactions { get; } = new();

    /// <summary>Runs every transaction and returns one result per transaction, in order.</summary>
    public IReadOnlyList<TranslationResult> Run()
    {
        var smmu = new Smmu(Registers, Memory);
        var results = new TranslationResult[Transactions.Count];
        for (var i = 0; i < results.Length; i++) results[i] = smmu.Translate(Transactions[i]);
        return results;
    }
}
