namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// A target a plan sets for an indicator: <see cref="Value"/> (in the indicator's unit) to reach by <see cref="Year"/>.
/// <see cref="YearStated"/> is false where the plan gives no year and the plan's horizon (2025) is assumed.
/// </summary>
public sealed record PlanTarget(int Year, double Value, string Plan, string? Reference = null, bool YearStated = true);
