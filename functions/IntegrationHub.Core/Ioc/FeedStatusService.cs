using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Builds feed status from the status table: counts today (the province's day) and over the last 24 hours (the
/// current hour bucket and the 23 before it), and the state judged now by the freshness rules.
/// </summary>
public sealed class FeedStatusService(FeedCatalogue catalogue, IFeedStatusStore store, FreshnessRules rules, ProvinceTime time, IocOptions options,
    TimeProvider clock, INdxpDeliveryLog? ndxp = null)
{
    public async Task<FeedStatusReport> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var records = await Task.WhenAll(catalogue.Feeds.Select(f => store.ReadAsync(f.Id, FirstHour(now), cancellationToken)));
        var national = ndxp is null ? null
            : await ndxp.SummariesAsync(catalogue.Feeds.Where(f => f.PublishToNdxp).Select(f => f.Id).ToArray(), now, cancellationToken);
        return Build(now, records, national);
    }

    public DateTimeOffset FirstHour(DateTimeOffset now)
    {
        var dayStart = time.DayStart(now);
        var last24 = time.HourStart(now).AddHours(-23);
        return dayStart < last24 ? dayStart : last24;
    }

    /// <param name="ndxp">NDXP delivery figures of the feeds published nationally; null when the connector's records are not available.</param>
    public FeedStatusReport Build(DateTimeOffset now, IReadOnlyList<FeedStatusRecord> records, IReadOnlyDictionary<string, NdxpFeedStatus>? ndxp = null)
    {
        var dayStart = time.DayStart(now);
        var last24 = time.HourStart(now).AddHours(-23);
        var views = new List<FeedStatusView>();
        foreach (var feed in catalogue.Feeds)
        {
            var record = records.FirstOrDefault(r => r.FeedId == feed.Id) ?? new FeedStatusRecord(feed.Id, null, [], null);
            var state = rules.Evaluate(feed, record.LastAcceptedAt, now);
            var recent = record.Buckets.Where(b => b.Hour >= last24).ToArray();
            views.Add(new FeedStatusView(
                feed.Id,
                feed.Title,
                feed.Owner,
                rules.CadenceText(feed),
                rules.Cadence(feed).TotalSeconds,
                rules.LateAfter(feed).TotalSeconds,
                rules.SilentAfter(feed).TotalSeconds,
                record.LastAcceptedAt,
                state,
                record.State is { } stored && stored.State == state ? stored.Since : null,
                FeedCounts.Sum(record.Buckets.Where(b => b.Hour >= dayStart)),
                FeedCounts.Sum(recent),
                TopReasons(recent, options.TopReasons),
                feed.PublishToNdxp && ndxp is not null ? ndxp.GetValueOrDefault(feed.Id) ?? NdxpFeedStatus.None : null));
        }

        return new FeedStatusReport(now, dayStart, views);
    }

    public static IReadOnlyList<RejectionReason> TopReasons(IEnumerable<HourBucket> buckets, int top) =>
        buckets.SelectMany(b => b.Reasons)
            .GroupBy(r => (r.Pointer, r.Reason))
            .Select(g => new RejectionReason(g.Key.Pointer, g.Key.Reason, g.Sum(r => r.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Pointer, StringComparer.Ordinal)
            .Take(top)
            .ToArray();
}
