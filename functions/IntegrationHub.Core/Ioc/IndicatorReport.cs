namespace IntegrationHub.Core.Ioc;

/// <summary>What <c>GET /api/indicators</c> returns: the indicators as computed at <see cref="ComputedAt"/>.</summary>
public sealed record IndicatorReport(DateTimeOffset ComputedAt, string ProvinceCode, int WindowDays, IReadOnlyList<Indicator> Indicators);
