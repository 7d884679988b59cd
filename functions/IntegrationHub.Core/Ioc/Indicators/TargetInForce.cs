namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>The target chosen for a computation: value, year (null when the province set none) and the plan it comes from.</summary>
public sealed record TargetInForce(double Value, int? Year, string Plan);
