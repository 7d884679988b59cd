namespace IntegrationHub.Core.AsOf;

/// <summary>
/// A feed's state, or one commune's, as recorded at an instant (docs/as-of.md): for each entity the newest event by event
/// time among those that had arrived by then. Read from the newest checkpoint at or before the instant and the events that
/// arrived between the two; the as-of snapshot API and the indicators at a past date both read through this.
/// </summary>
public interface IFeedStateAsOf
{
    /// <exception cref="ArgumentException">The continuation token is not one issued for this feed, instant and commune.</exception>
    Task<AsOfPage> GetAsync(AsOfQuery query, CancellationToken cancellationToken);

    /// <summary>Every entity of the feed at <paramref name="asOf"/>, page by page.</summary>
    IAsyncEnumerable<AsOfEntry> ScanAsync(string feedId, DateTimeOffset asOf, CancellationToken cancellationToken);
}
