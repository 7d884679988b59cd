using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.AsOf;

/// <summary>
/// The indicators at a past instant read the feeds' state through the same as-of path as
/// <c>GET /api/snapshots/{feedId}?asOf=</c>: as recorded at that instant (checkpoint plus arrivals since).
/// </summary>
public sealed class AsOfIndicatorSource(IFeedStateAsOf states) : IIndicatorSnapshotSource
{
    public bool Serves(DateTimeOffset at, DateTimeOffset now) => at <= now;

    public async IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, DateTimeOffset at,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entry in states.ScanAsync(feedId, at, cancellationToken))
        {
            yield return new SnapshotIndexEntry(feedId, entry.Subject, entry.Commune, entry.EventId, entry.EventTime, entry.ReceivedAt,
                entry.Version ?? 0, entry.Data);
        }
    }
}
