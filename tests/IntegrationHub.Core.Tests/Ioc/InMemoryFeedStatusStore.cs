using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>Feed status held in memory, with the table adapter's contract (ETag-checked state).</summary>
public sealed class InMemoryFeedStatusStore(ProvinceTime time) : IFeedStatusStore
{
    private readonly Dictionary<string, DateTimeOffset> _last = [];
    private readonly Dictionary<(string Feed, DateTimeOffset Hour), HourBucket> _buckets = [];
    private readonly Dictionary<string, StoredFeedState> _states = [];
    private readonly List<IndicatorPoint> _points = [];
    private int _etag;

    public IReadOnlyList<IndicatorPoint> Points => _points;

    public StoredFeedState? State(string feedId) => _states.GetValueOrDefault(feedId);

    public void SetLastAccepted(string feedId, DateTimeOffset at) => _last[feedId] = at;

    public Task RecordAsync(IngestTally tally, CancellationToken cancellationToken)
    {
        var hour = time.HourStart(tally.ReceivedAt);
        var old = _buckets.GetValueOrDefault((tally.FeedId, hour)) ?? new HourBucket(hour, 0, 0, 0, []);
        var reasons = old.Reasons.ToDictionary(r => (r.Pointer, r.Reason), r => r.Count);
        foreach (var (key, count) in tally.Reasons)
        {
            reasons[key] = reasons.GetValueOrDefault(key) + count;
        }

        _buckets[(tally.FeedId, hour)] = new HourBucket(hour, old.Accepted + tally.Accepted, old.Rejected + tally.Rejected, old.Duplicates + tally.Duplicates,
            reasons.Select(r => new RejectionReason(r.Key.Pointer, r.Key.Reason, r.Value)).ToArray());
        if (tally.Accepted > 0 && (!_last.TryGetValue(tally.FeedId, out var last) || last < tally.ReceivedAt))
        {
            _last[tally.FeedId] = tally.ReceivedAt;
        }

        return Task.CompletedTask;
    }

    public Task<FeedStatusRecord> ReadAsync(string feedId, DateTimeOffset fromHour, CancellationToken cancellationToken) =>
        Task.FromResult(new FeedStatusRecord(feedId, _last.TryGetValue(feedId, out var last) ? last : null,
            _buckets.Where(b => b.Key.Feed == feedId && b.Key.Hour >= fromHour).Select(b => b.Value).ToArray(), _states.GetValueOrDefault(feedId)));

    public Task<bool> SaveStateAsync(string feedId, StoredFeedState state, CancellationToken cancellationToken)
    {
        var current = _states.GetValueOrDefault(feedId);
        if (current?.ETag != state.ETag)
        {
            return Task.FromResult(false);
        }

        _states[feedId] = state with { ETag = (++_etag).ToString(System.Globalization.CultureInfo.InvariantCulture) };
        return Task.FromResult(true);
    }

    public Task SaveIndicatorPointsAsync(IReadOnlyList<IndicatorPoint> points, CancellationToken cancellationToken)
    {
        _points.RemoveAll(p => points.Any(n => n.IndicatorId == p.IndicatorId && n.Hour == p.Hour));
        _points.AddRange(points);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IndicatorPoint>> ReadIndicatorPointsAsync(DateTimeOffset fromHour, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IndicatorPoint>>(_points.Where(p => p.Hour >= fromHour).ToArray());
}
