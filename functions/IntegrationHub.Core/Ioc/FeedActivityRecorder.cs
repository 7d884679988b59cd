using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Feeds the status table from the ingest pipeline without a storage call per request: requests' counts are added up in
/// memory per feed-hour and flushed about once a second (<see cref="FlushInterval"/>), one write per feed-hour row. A flush
/// that fails keeps its counts for the next one, so neither an outage nor contention loses a count; the events themselves
/// are durable before this runs, so nothing here can fail a request.
/// </summary>
public sealed partial class FeedActivityRecorder(IFeedStatusStore store, ProvinceTime time, ILogger<FeedActivityRecorder> logger) : IIngestObserver, IAsyncDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Dictionary<(string Feed, string Hour), IngestTally> _pending = [];
    private FlushLoop? _loop;

    public Task ObserveAsync(string feedId, DateTimeOffset receivedAt, IReadOnlyList<EventResult> results, IReadOnlyList<AcceptedEvent> accepted,
        CancellationToken cancellationToken)
    {
        if (results.Count == 0)
        {
            return Task.CompletedTask;
        }

        Add(IngestTally.From(feedId, receivedAt, results));
        lock (_gate)
        {
            _loop ??= new FlushLoop(FlushAsync);
        }

        _loop.Start();
        return Task.CompletedTask;
    }

    /// <summary>Writes what has been counted so far (the loop does this every second; tests and shutdown call it directly).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(string Feed, string Hour), IngestTally> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        foreach (var tally in batch.Values)
        {
            try
            {
                await store.RecordAsync(tally, cancellationToken);
            }
            catch (Exception e) when (e is StorageUnavailableException or Azure.RequestFailedException or FeedStatusContentionException or OperationCanceledException)
            {
                Add(tally); // kept for the next flush
                LogNotRecorded(logger, tally.FeedId, e.GetType().Name);
            }
        }
    }

    public ValueTask DisposeAsync() => _loop?.DisposeAsync() ?? ValueTask.CompletedTask; // nothing was counted without a loop

    private void Add(IngestTally tally)
    {
        var key = (tally.FeedId, time.HourKey(tally.ReceivedAt));
        lock (_gate)
        {
            _pending[key] = _pending.TryGetValue(key, out var earlier) ? IngestTally.Merge(earlier, tally) : tally;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed status of {Feed} not written this time ({Error}); kept for the next flush")]
    private static partial void LogNotRecorded(ILogger logger, string feed, string error);
}
