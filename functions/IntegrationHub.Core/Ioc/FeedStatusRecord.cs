namespace IntegrationHub.Core.Ioc;

/// <summary>What the feed status table holds for one feed: the last accepted event, hourly counts, the monitor's state.</summary>
public sealed record FeedStatusRecord(string FeedId, DateTimeOffset? LastAcceptedAt, IReadOnlyList<HourBucket> Buckets, StoredFeedState? State);
