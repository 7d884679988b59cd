namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>Whether an indicator's value is the plans' own measure, an approximation of it, or cannot be computed.</summary>
public static class IndicatorStatus
{
    public const string Computed = "computed";
    public const string Proxy = "proxy";
    public const string Unavailable = "unavailable";
}
