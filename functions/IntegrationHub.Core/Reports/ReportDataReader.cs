using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// Reads a period's <see cref="ReportData"/>: the indicators at its end and start through <see cref="IndicatorService.GetAtAsync"/>
/// (the same path as <c>GET /api/indicators/{id}?at=</c>), the stored indicator points and each feed's hour buckets from its start.
/// </summary>
public sealed class ReportDataReader(IndicatorService indicators, IFeedStatusStore store, FeedCatalogue catalogue)
{
    public async Task<ReportData> ReadAsync(ReportPeriod period, CancellationToken cancellationToken)
    {
        var atEnd = await indicators.GetAtAsync(period.End, cancellationToken);
        var atStart = await indicators.GetAtAsync(period.Start, cancellationToken);
        var points = (await store.ReadIndicatorPointsAsync(period.Start, cancellationToken)).Where(p => p.Hour < period.End).ToArray();
        var buckets = new Dictionary<string, IReadOnlyList<HourBucket>>(StringComparer.Ordinal);
        foreach (var feed in catalogue.Feeds)
        {
            var record = await store.ReadAsync(feed.Id, period.Start, cancellationToken);
            buckets[feed.Id] = record.Buckets.Where(b => b.Hour < period.End).ToArray();
        }

        return new ReportData(period, atEnd, atStart, points, buckets);
    }
}
