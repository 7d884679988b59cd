namespace IntegrationHub.Core.Ioc;

/// <summary>An indicator's value at the end of a province-time hour (its trend).</summary>
public sealed record IndicatorPoint(string IndicatorId, DateTimeOffset Hour, double? Value);
