using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc;

/// <summary>One IOC indicator (ids as in FEEDS.md): value in percent with the formula's inputs, target and breakdowns.</summary>
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
    public string Unit => "percent";

    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];
}
