namespace IntegrationHub.Core.Ioc;

/// <summary>Feed status: per feed, the last accepted event, counts per province-time hour and the freshness state.</summary>
public interface IFeedStatusStore
{
    /// <summary>Adds one request's counts to its feed-hour and moves the feed's last accepted time forward.</summary>
    Task RecordAsync(IngestTally tally, CancellationToken cancellationToken);

    /// <summary>A feed's last accepted time, its hour buckets from <paramref name="fromHour"/> on, and its stored state.</summary>
    Task<FeedStatusRecord> ReadAsync(string feedId, DateTimeOffset fromHour, CancellationToken cancellationToken);

    /// <summary>Stores the monitor's state; false when another writer changed it first (ETag mismatch).</summary>
    Task<bool> SaveStateAsync(string feedId, StoredFeedState state, CancellationToken cancellationToken);

    Task SaveIndicatorPointsAsync(IReadOnlyList<IndicatorPoint> points, CancellationToken cancellationToken);

    Task<IReadOnlyList<IndicatorPoint>> ReadIndicatorPointsAsync(DateTimeOffset fromHour, CancellationToken cancellationToken);
}
