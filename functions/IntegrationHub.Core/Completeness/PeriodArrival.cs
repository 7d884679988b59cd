namespace IntegrationHub.Core.Completeness;

/// <summary>The first accepted record of one sender for one reporting period of a feed (by the records' own time).</summary>
public sealed record PeriodArrival(string FeedId, string Source, DateTimeOffset PeriodStart, DateTimeOffset FirstReceivedAt);
