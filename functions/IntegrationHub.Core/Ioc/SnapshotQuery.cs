namespace IntegrationHub.Core.Ioc;

/// <summary>A page request over a feed's snapshots: one commune's partition, or the feed's partition range.</summary>
public sealed record SnapshotQuery(string FeedId, string? Commune, DateTimeOffset? UpdatedSince, int PageSize, string? ContinuationToken)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}
