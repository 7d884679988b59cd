namespace IntegrationHub.Core.Ioc;

/// <summary>The snapshot index: every entity's current state, by feed and commune, for province-scale reads.</summary>
public interface ISnapshotIndex
{
    /// <exception cref="ArgumentException">The continuation token is not one this index issued.</exception>
    Task<ResultPage<SnapshotIndexEntry>> QueryAsync(SnapshotQuery query, CancellationToken cancellationToken);

    /// <summary>Every entry of a feed, page by page, for the indicators: a range over the feed's partitions only.</summary>
    IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, CancellationToken cancellationToken);
}
