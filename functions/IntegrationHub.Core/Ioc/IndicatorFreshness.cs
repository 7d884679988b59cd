namespace IntegrationHub.Core.Ioc;

/// <summary>
/// What an indicator is computed from (feed ids) and how old that data is: the oldest of those feeds' last received
/// records, and its age at the computation instant. Both are null when none of the feeds has sent anything.
/// </summary>
public sealed record IndicatorFreshness(IReadOnlyList<string> ComputedFrom, DateTimeOffset? OldestLastEventAt, double? AgeSeconds);
