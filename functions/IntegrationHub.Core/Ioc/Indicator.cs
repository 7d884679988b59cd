using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// One IOC indicator (ids as in FEEDS.md): its value in <see cref="Unit"/> with the formula's inputs, the target in force
/// and every plan's targets, breakdowns, what it is computed from and how old that is. <see cref="Value"/> is null when
/// there is nothing to compute it from, and always when <see cref="Status"/> is <c>unavailable</c>.
/// </summary>
public sealed record Indicator(
    string Id,
    LocalizedText Name,
    LocalizedText Formula,
    double? Value,
    long Numerator,
    long Denominator,
    double? Target,
    int? TargetYear,
    IReadOnlyList<string> SourceFeeds,
    IReadOnlyDictionary<string, IReadOnlyList<BreakdownRow>> Breakdowns,
    IReadOnlyList<SecondaryValue> Secondary,
    IReadOnlyList<RejectionReason>? TopRejections)
{
    /// <summary><c>percent</c>, <c>count</c>, <c>ratio</c>, <c>days</c>, <c>hours</c>, <c>seconds</c> or <c>level</c>.</summary>
    public string Unit { get; init; } = "percent";

    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];

    /// <summary><c>computed</c>, <c>proxy</c> or <c>unavailable</c> (<see cref="IndicatorStatus"/>).</summary>
    public string Status { get; init; } = IndicatorStatus.Computed;

    public LocalizedText? UnavailableReason { get; init; }

    /// <summary>For a proxy: how the value differs from the plans' own measure.</summary>
    public LocalizedText? ProxyNote { get; init; }

    /// <summary>Every plan's target for this indicator; <see cref="Target"/> is the one in force (<see cref="TargetSelector"/>).</summary>
    public IReadOnlyList<PlanTarget> Targets { get; init; } = [];

    /// <summary>The plan <see cref="Target"/> comes from (<c>province</c> for <c>Hub:Ioc:Targets</c>), null without a target.</summary>
    public string? TargetPlan { get; init; }

    /// <summary><c>met</c>, <c>notMet</c>, <c>noTarget</c> or <c>unavailable</c> (<see cref="Indicators.TargetStatus"/>).</summary>
    public string TargetStatus { get; init; } = Indicators.TargetStatus.NoTarget;

    /// <summary>The period the value covers as an ISO 8601 duration (e.g. <c>P30D</c>); null for the current state of every entity.</summary>
    public string? Period { get; init; }

    public IndicatorFreshness? Freshness { get; init; }
}
