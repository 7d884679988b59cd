using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// One indicator as configured in <c>indicators.json</c>: what it is, how it is computed, how it breaks down and the
/// plans' targets. <see cref="Status"/> is <c>computed</c> or <c>proxy</c> (with <see cref="ProxyNote"/>), or
/// <c>unavailable</c>; <see cref="UnavailableReason"/> is also what the API says when a required input is missing.
/// </summary>
public sealed record IndicatorDefinition(
    string Id,
    LocalizedText Name,
    LocalizedText Formula,
    string Status,
    LocalizedText? ProxyNote,
    LocalizedText? UnavailableReason,
    string Unit,
    MeasureDefinition Measure,
    IReadOnlyList<IndicatorBreakdown> Breakdowns,
    IReadOnlyList<SecondaryDefinition> Secondary,
    IReadOnlyList<PlanTarget> Targets);
