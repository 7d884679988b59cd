using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Validation;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Serves the indicators of indicators.json. The current ones are computed from the snapshot index, feed status and NDXP
/// deliveries, kept in memory for <see cref="IocOptions.IndicatorCacheDuration"/>, and recorded hourly by the freshness
/// monitor for the trend. At a past instant they are computed from the first snapshot source that serves it, or not at all.
/// </summary>
public sealed class IndicatorService(IndicatorDefinitions definitions, FeedCatalogue catalogue, AdminUnitRegistry adminUnits,
    IEnumerable<IIndicatorSnapshotSource> sources, IEnumerable<INdxpDeliveries> ndxp, IFeedStatusStore store, FeedStatusService status,
    IocOptions options, ValidationOptions province, ProvinceTime time, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly IReadOnlyList<IIndicatorSnapshotSource> _sources = sources.ToArray();
    private readonly INdxpDeliveries? _ndxp = ndxp.FirstOrDefault();
    private IndicatorReport? _cached;

    public IndicatorDefinitions Definitions => definitions;

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

    /// <summary>
    /// The indicators at <paramref name="at"/>: the current ones when it is now (within <see cref="CurrentSnapshotSource.Tolerance"/>),
    /// else computed from a snapshot source serving that instant (no trend; feed-status indicators unavailable); null when none does.
    /// </summary>
    public async Task<IndicatorReport?> GetAtAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (at >= now - CurrentSnapshotSource.Tolerance)
        {
            return await GetAsync(cancellationToken);
        }

        var source = _sources.FirstOrDefault(s => s.Serves(at, now));
        if (source is null)
        {
            return null;
        }

        var ndxpDelivered = _ndxp is null ? null : await _ndxp.LastDeliveredAsync(at, cancellationToken);
        return await ComputeAsync(source, at, new IndicatorInputs(null, ndxpDelivered), cancellationToken);
    }

    /// <summary>Computes afresh (bypassing the cache) and stores the values as the current hour's trend point.</summary>
    public async Task<IndicatorReport> RecordTrendAsync(CancellationToken cancellationToken)
    {
        var report = await ComputeNowAsync(cancellationToken);
        var hour = time.HourStart(report.ComputedAt);
        await store.SaveIndicatorPointsAsync(report.Indicators.Select(i => new IndicatorPoint(i.Id, hour, i.Value)).ToArray(), cancellationToken);
        Volatile.Write(ref _cached, null);
        return report;
    }

    private async Task<IndicatorReport> ComputeAsync(CancellationToken cancellationToken)
    {
        var report = await ComputeNowAsync(cancellationToken);
        var points = await store.ReadIndicatorPointsAsync(time.HourStart(report.ComputedAt).AddHours(-options.TrendHours), cancellationToken);
        var byId = points.GroupBy(p => p.IndicatorId).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Hour).Select(p => new TrendPoint(p.Hour, p.Value)).ToArray());
        return report with
        {
            Indicators = report.Indicators.Select(i => i with { Trend = byId.GetValueOrDefault(i.Id) ?? [] }).ToArray(),
        };
    }

    private async Task<IndicatorReport> ComputeNowAsync(CancellationToken cancellationToken)
    {
        var feedStatus = await status.GetAsync(cancellationToken);
        var source = _sources.FirstOrDefault(s => s.Serves(feedStatus.At, feedStatus.At))
            ?? throw new InvalidOperationException("No indicator snapshot source serves the current state.");
        var ndxpDelivered = _ndxp is null ? null : await _ndxp.LastDeliveredAsync(feedStatus.At, cancellationToken);
        return await ComputeAsync(source, feedStatus.At, new IndicatorInputs(feedStatus, ndxpDelivered), cancellationToken);
    }

    private async Task<IndicatorReport> ComputeAsync(IIndicatorSnapshotSource source, DateTimeOffset at, IndicatorInputs inputs, CancellationToken cancellationToken)
    {
        var calculator = new IndicatorCalculator(definitions, catalogue, adminUnits, options, province.ProvinceCode, province.ProvinceUtcOffset, at);
        foreach (var feedId in calculator.SnapshotFeeds)
        {
            await foreach (var entry in source.ScanFeedAsync(feedId, at, cancellationToken))
            {
                calculator.Add(entry);
            }
        }

        return new IndicatorReport(at, province.ProvinceCode, options.WindowDays, calculator.Build(inputs));
    }
}
