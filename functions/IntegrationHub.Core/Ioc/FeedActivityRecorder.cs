using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Feeds the status table from the ingest pipeline. The events are already durable when it runs, so a storage
/// failure here costs a count, never an event: it is logged, not thrown.
/// </summary>
public sealed partial class FeedActivityRecorder(IFeedStatusStore store, ILogger<FeedActivityRecorder> logger) : IIngestObserver
{
    public async Task ObserveAsync(string feedId, DateTimeOffset receivedAt, IReadOnlyList<EventResult> results, CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return;
        }

        try
        {
            await store.RecordAsync(IngestTally.From(feedId, receivedAt, results), cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or Azure.RequestFailedException or FeedStatusContentionException)
        {
            LogNotRecorded(logger, feedId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed status of {Feed} not updated for one request: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string feed, string error);
}
