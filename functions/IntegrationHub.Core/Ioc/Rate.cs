namespace IntegrationHub.Core.Ioc;

/// <summary>Percent with one decimal; null when there is nothing to divide by.</summary>
public static class Rate
{
    public static double? Percent(long numerator, long denominator) =>
        denominator <= 0 ? null : Math.Round(100.0 * numerator / denominator, 1, MidpointRounding.AwayFromZero);
}
