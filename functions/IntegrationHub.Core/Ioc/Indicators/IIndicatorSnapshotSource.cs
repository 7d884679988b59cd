namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// Where the indicators read every entity's state at an instant: the snapshot index for "now"
/// (<see cref="CurrentSnapshotSource"/>), or a state-at-an-instant query over history for a past instant. Several may be
/// registered; the first that <see cref="Serves"/> the instant is used.
/// </summary>
public interface IIndicatorSnapshotSource
{
    /// <summary>Whether this source gives the state at <paramref name="at"/> (the clock reads <paramref name="now"/>).</summary>
    bool Serves(DateTimeOffset at, DateTimeOffset now);

    /// <summary>Every entity of a feed as it was at <paramref name="at"/>, one at a time.</summary>
    IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, DateTimeOffset at, CancellationToken cancellationToken);
}
