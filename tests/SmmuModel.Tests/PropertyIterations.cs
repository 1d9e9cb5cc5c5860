namespace Viommu.SmmuModel.Tests;

/// <summary>How many random cases a property test tries. Mutation testing runs every covering test once per
/// mutant, so <c>run-stryker.sh</c> sets VIOMMU_PROPERTY_DIVISOR to try fewer; the suite tries them all.</summary>
internal static class PropertyIterations
{
    public static int Of(int iterations)
    {
        var divisor = int.TryParse(Environment.GetEnvironmentVariable("VIOMMU_PROPERTY_DIVISOR"), out var d) && d > 1 ? d : 1;
        return Math.Max(1, iterations / divisor);
    }
}
