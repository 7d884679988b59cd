using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Reads a period's <see cref="ReportData"/>: the indicators at its end and start through <see cref="IndicatorService.GetAtAsync"/>
/// (the same path as <c>GET /api/indicators/{id}?at=</c>), the stored indicator points, each feed's hour buckets from its start
/// and, where completeness is served, each feed's reporting periods that began in it, judged at <c>now</c>.
/// </summary>
public sealed class ReportDataReader(IndicatorService indicators, IFeedStatusStore store, FeedCatalogue catalogue, CompletenessService? completeness = null)
{
    /// <param name="now">When the reports are made: a completeness period not yet due then is open.</param>
    public async Task<ReportData> ReadAsync(ReportPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var atEnd = await indicators.GetAtAsync(period.End, cancellationToken);
        var atStart = await indicators.GetAtAsync(period.Start, cancellationToken);
        var points = (await store.ReadIndicatorPointsAsync(period.Start, cancellationToken)).Where(p => p.Hour < period.End).ToArray();
        var buckets = new Dictionary<string, IReadOnlyList<HourBucket>>(StringComparer.Ordinal);
        var complete = new Dictionary<string, CompletenessSummary>(StringComparer.Ordinal);
        foreach (var feed in catalogue.Feeds)
        {
            var record = await store.ReadAsync(feed.Id, period.Start, cancellationToken);
            buckets[feed.Id] = record.Buckets.Where(b => b.Hour < period.End).ToArray();
            if (completeness is not null)
            {
                complete[feed.Id] = (await completeness.PeriodsBetweenAsync(feed, period.Start, period.End, now, cancellationToken)).Summary;
            }
        }

        return new ReportData(period, atEnd, atStart, points, buckets) { Completeness = complete };
    }
}
