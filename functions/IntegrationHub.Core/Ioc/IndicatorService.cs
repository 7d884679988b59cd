using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Serves the indicators, computed from the snapshot index and feed status and kept in memory for
/// <see cref="IocOptions.IndicatorCacheDuration"/>; the freshness monitor records them hourly for the trend.
/// </summary>
public sealed class IndicatorService(FeedCatalogue catalogue, AdminUnitRegistry adminUnits, ISnapshotIndex index, IFeedStatusStore store,
    FeedStatusService status, IocOptions options, ValidationOptions province, ProvinceTime time, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IndicatorReport? _cached;

    public async Task<IndicatorReport> GetAsync(CancellationToken cancellationToken)
    {
        var cached = Volatile.Read(ref _cached);
        if (cached is not null && clock.GetUtcNow() - cached.ComputedAt < options.IndicatorCacheDuration)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            cached = _cached;
            if (cached is not null && clock.GetUtcNow() - cached.ComputedAt < options.IndicatorCacheDuration)
            {
                return cached;
            }

            var report = await ComputeAsync(cancellationToken);
            Volatile.Write(ref _cached, report);
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Computes afresh (bypassing the cache) and stores the values as the current hour's trend point.</summary>
    public async Task<IndicatorReport> RecordTrendAsync(CancellationToken cancellationToken)
    {
        var report = await ComputeWithoutTrendAsync(cancellationToken);
        var hour = time.HourStart(report.ComputedAt);
        await store.SaveIndicatorPointsAsync(report.Indicators.Select(i => new IndicatorPoint(i.Id, hour, i.Value)).ToArray(), cancellationToken);
        Volatile.Write(ref _cached, null);
        return report;
    }

    private async Task<IndicatorReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var report = await ComputeWithoutTrendAsync(cancellationToken);
        var points = await store.ReadIndicatorPointsAsync(time.HourStart(report.ComputedAt).AddHours(-options.TrendHours), cancellationToken);
        var byId = points.GroupBy(p => p.IndicatorId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Hour).Select(p => new TrendPoint(p.Hour, p.Value)).ToArray());
        return report with
        {
            Indicators = report.Indicators.Select(i => i with { Trend = byId.GetValueOrDefault(i.Id) ?? [] }).ToArray(),
        };
    }

    private async Task<IndicatorReport> ComputeWithoutTrendAsync(CancellationToken cancellationToken)
    {
        var feedStatus = await status.GetAsync(cancellationToken);
        var calculator = new IndicatorCalculator(catalogue, adminUnits, options, feedStatus.At);
        foreach (var feedId in IndicatorCalculator.SnapshotFeeds.Where(f => catalogue.Find(f) is not null))
        {
            await foreach (var entry in index.ScanFeedAsync(feedId, cancellationToken))
            {
                calculator.Add(entry);
            }
        }

        return new IndicatorReport(feedStatus.At, province.ProvinceCode, options.WindowDays, calculator.Build(feedStatus));
    }
}
