using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Records, from the ingest pipeline, the first arrival of each sender for each reporting period (the period holding the
/// record's CloudEvents <c>time</c>). Only the first record of a period per sender is written, so a busy feed costs one
/// insert per period; writes leave the request path (about once a second, <see cref="FeedActivityRecorder.FlushInterval"/>),
/// and a write that fails is kept for the next flush. The events are durable before this runs: nothing here fails a request.
/// </summary>
public sealed partial class CompletenessRecorder(FeedCatalogue catalogue, FreshnessRules rules, ProvinceTime time, ICompletenessStore store,
    ILogger<CompletenessRecorder> logger) : IIngestObserver, IAsyncDisposable
{
    private const int MaxRemembered = 100_000;

    private readonly Lock _gate = new();
    private readonly HashSet<(string Feed, string Source, long Period)> _recorded = [];
    private readonly Dictionary<string, ReportingPeriods> _periods = new(StringComparer.Ordinal);
    private Dictionary<(string Feed, string Source, long Period), PeriodArrival> _pending = [];
    private FlushLoop? _loop;

    public Task ObserveAsync(string feedId, DateTimeOffset receivedAt, IReadOnlyList<EventResult> results, IReadOnlyList<AcceptedEvent> accepted,
        CancellationToken cancellationToken)
    {
        if (accepted.Count == 0 || catalogue.Find(feedId) is not { } feed)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            var periods = PeriodsOf(feed);
            foreach (var evt in accepted)
            {
                var start = periods.Start(evt.Time);
                var key = (feedId, evt.Source, start.UtcTicks);
                if (!_recorded.Contains(key) && !_pending.ContainsKey(key))
                {
                    _pending[key] = new PeriodArrival(feedId, evt.Source, start, evt.ReceivedAt);
                }
            }

            if (_pending.Count > 0)
            {
                _loop ??= new FlushLoop(FlushAsync);
                _loop.Start();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes the arrivals seen so far (the loop does this every second; tests and shutdown call it directly).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        Dictionary<(string Feed, string Source, long Period), PeriodArrival> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        try
        {
            await store.RecordAsync([.. batch.Values], cancellationToken);
            lock (_gate)
            {
                if (_recorded.Count + batch.Count > MaxRemembered)
                {
                    _recorded.Clear(); // a forgotten arrival written again loses to the row already there
                }

                _recorded.UnionWith(batch.Keys);
            }
        }
        catch (Exception e) when (e is StorageUnavailableException or Azure.RequestFailedException or OperationCanceledException)
        {
            lock (_gate)
            {
                foreach (var (key, arrival) in batch)
                {
                    _pending.TryAdd(key, arrival); // kept for the next flush; a later arrival of the same period never replaces it
                }
            }

            LogNotRecorded(logger, batch.Count, e.GetType().Name);
        }
    }

    public ValueTask DisposeAsync() => _loop?.DisposeAsync() ?? ValueTask.CompletedTask; // nothing was seen without a loop

    private ReportingPeriods PeriodsOf(FeedDefinition feed)
    {
        if (!_periods.TryGetValue(feed.Id, out var periods))
        {
            _periods[feed.Id] = periods = new ReportingPeriods(rules.Cadence(feed), rules.CadenceText(feed), time.Offset);
        }

        return periods;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} completeness arrivals not written this time ({Error}); kept for the next flush")]
    private static partial void LogNotRecorded(ILogger logger, int count, string error);
}
