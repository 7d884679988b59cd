namespace IntegrationHub.Core.Ioc;

/// <summary>A target the province set itself: a value (percent) to reach by a year.</summary>
public sealed class IndicatorTarget
{
    public double? Value { get; set; }
    public int? Year { get; set; }
}
