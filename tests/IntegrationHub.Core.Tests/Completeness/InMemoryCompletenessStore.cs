using IntegrationHub.Core.Completeness;

namespace IntegrationHub.Core.Tests.Completeness;

/// <summary>The completeness port in memory, as the table adapter behaves: the earliest arrival wins, tracking starts once, states carry an ETag.</summary>
public sealed class InMemoryCompletenessStore : ICompletenessStore
{
    private readonly Dictionary<(string Feed, string Source, long Period), PeriodArrival> _arrivals = [];
    private readonly Dictionary<string, DateTimeOffset> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Feed, string Source), SenderAlertState> _states = [];
    private int _etag;

    public Task RecordAsync(IReadOnlyList<PeriodArrival> arrivals, CancellationToken cancellationToken)
    {
        foreach (var a in arrivals)
        {
            var key = (a.FeedId, a.Source, a.PeriodStart.UtcTicks);
            if (!_arrivals.TryGetValue(key, out var known) || a.FirstReceivedAt < known.FirstReceivedAt)
            {
                _arrivals[key] = a;
            }
        }

        return Task.CompletedTask;
    }

    public Task<CompletenessRecord> ReadAsync(string feedId, DateTimeOffset fromPeriod, CancellationToken cancellationToken) =>
        Task.FromResult(new CompletenessRecord(feedId, _tracked.TryGetValue(feedId, out var t) ? t : null,
            _arrivals.Values.Where(a => a.FeedId == feedId && a.PeriodStart >= fromPeriod).OrderBy(a => a.PeriodStart).ToArray(),
            _states.Where(s => s.Key.Feed == feedId).ToDictionary(s => s.Key.Source, s => s.Value)));

    public Task<DateTimeOffset> StartTrackingAsync(string feedId, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_tracked.TryAdd(feedId, now) ? now : _tracked[feedId]);

    public Task<bool> SaveAlertStateAsync(string feedId, SenderAlertState state, CancellationToken cancellationToken)
    {
        var current = _states.GetValueOrDefault((feedId, state.Source));
        if (current?.ETag != state.ETag)
        {
            return Task.FromResult(false);
        }

        _states[(feedId, state.Source)] = state with { ETag = (++_etag).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Task.FromResult(true);
    }

    public Task<int> PurgeAsync(string feedId, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var old = _arrivals.Where(a => a.Key.Feed == feedId && a.Value.PeriodStart < before).Select(a => a.Key).ToArray();
        foreach (var key in old)
        {
            _arrivals.Remove(key);
        }

        return Task.FromResult(old.Length);
    }

    public SenderAlertState? State(string feedId, string source) => _states.GetValueOrDefault((feedId, source));
}
