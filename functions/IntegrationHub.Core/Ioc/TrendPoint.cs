namespace IntegrationHub.Core.Ioc;

/// <summary>An indicator's value as recorded for a province-time hour.</summary>
public sealed record TrendPoint(DateTimeOffset Hour, double? Value);
