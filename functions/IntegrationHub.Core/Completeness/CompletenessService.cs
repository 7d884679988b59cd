using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Serves data completeness: per feed and sender, expected against received reporting periods over the window
/// (<see cref="IocOptions.WindowDays"/>), and for feeds whose entities report every period, the entities that stopped, by
/// commune. Each computation reads one range of the completeness table per feed and scans the feed's snapshot index once;
/// the result is kept in memory for <see cref="CompletenessOptions.CacheDuration"/>.
/// </summary>
public sealed class CompletenessService(FeedCatalogue catalogue, ICompletenessStore store, ISnapshotIndex index, FreshnessRules rules,
    AdminUnitRegistry adminUnits, IocOptions options, ProvinceTime time, TimeProvider clock)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CompletenessCalculator _calculator = new(options.Completeness);
    private CompletenessReport? _cached;

    public CompletenessCalculator Calculator => _calculator;

    public async Task<CompletenessReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(Volatile.Read(ref _cached)) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_cached) is { } again)
            {
                return again;
            }

            return (await ComputeWithRecordsAsync(cancellationToken)).Report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Computes now, bypassing the cache (the monitor must judge what is stored now), and caches the result.</summary>
    public async Task<(CompletenessReport Report, IReadOnlyList<CompletenessRecord> Records)> ComputeWithRecordsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var windowStart = now.AddDays(-options.WindowDays);
        var feeds = new List<FeedCompleteness>();
        var records = new List<CompletenessRecord>();
        foreach (var feed in catalogue.Feeds)
        {
            var periods = new ReportingPeriods(rules.Cadence(feed), rules.CadenceText(feed), time.Offset);
            var record = await store.ReadAsync(feed.Id, periods.Start(windowStart), cancellationToken);
            var trackedSince = await TrackedSinceAsync(record, now, cancellationToken);

            var cadence = rules.Cadence(feed);
            var (summary, shown, senders) = _calculator.Evaluate(periods, cadence, feed.Sources, record.Arrivals, trackedSince, windowStart, now);
            IReadOnlyList<CommuneSilence> silentByCommune = [];
            if (feed.Reporting == FeedReporting.EachPeriod)
            {
                var latest = new List<(string Commune, DateTimeOffset EventTime)>();
                await foreach (var entry in index.ScanFeedAsync(feed.Id, cancellationToken))
                {
                    latest.Add((entry.Commune, entry.EventTime));
                }

                var (entities, silent) = _calculator.SilentEntities(latest, cadence, now);
                summary = summary with { Entities = entities, SilentEntities = silent.Sum(s => s.Entities) };
                silentByCommune = silent.Select(s => new CommuneSilence(s.Commune, CommuneName(s.Commune), s.Entities)).ToArray();
            }

            feeds.Add(new FeedCompleteness(feed.Id, feed.Owner, rules.CadenceText(feed), feed.Reporting, _calculator.Grace(cadence).TotalSeconds,
                trackedSince, summary, shown, senders, silentByCommune));
            records.Add(record);
        }

        var computed = new CompletenessReport(now, options.WindowDays, feeds);
        Volatile.Write(ref _cached, computed);
        return (computed, records);
    }

    /// <summary>
    /// A feed's periods that began in [<paramref name="from"/>, <paramref name="to"/>), judged at <paramref name="now"/>, all of
    /// them, and their summary (the periodic reports' completeness section).
    /// </summary>
    public async Task<(CompletenessSummary Summary, IReadOnlyList<ReportingPeriod> Periods)> PeriodsBetweenAsync(FeedDefinition feed, DateTimeOffset from,
        DateTimeOffset to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var periods = new ReportingPeriods(rules.Cadence(feed), rules.CadenceText(feed), time.Offset);
        var record = await store.ReadAsync(feed.Id, periods.Start(from), cancellationToken);
        var trackedSince = await TrackedSinceAsync(record, now, cancellationToken);
        var all = new CompletenessCalculator(new CompletenessOptions
        {
            GraceFactor = options.Completeness.GraceFactor,
            SilentPeriods = options.Completeness.SilentPeriods,
            PeriodsShown = int.MaxValue,
        });
        var (_, feedPeriods, _) = all.Evaluate(periods, rules.Cadence(feed), feed.Sources, record.Arrivals, trackedSince, from, now);
        var within = feedPeriods.Where(p => p.Start >= periods.Start(from) && p.Start < to).ToArray();
        return (all.Summarize(within), within);
    }

    /// <summary>When tracking of the feed began: its start row (written now if there is none), or its first recorded arrival if earlier.</summary>
    private async Task<DateTimeOffset> TrackedSinceAsync(CompletenessRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var trackedSince = record.TrackedSince ?? await store.StartTrackingAsync(record.FeedId, now, cancellationToken);
        return record.Arrivals.Count > 0 && record.Arrivals.Min(a => a.FirstReceivedAt) < trackedSince
            ? record.Arrivals.Min(a => a.FirstReceivedAt) // arrivals recorded before the first computation
            : trackedSince;
    }

    private CompletenessReport? Fresh(CompletenessReport? report) =>
        report is not null && clock.GetUtcNow() - report.At < options.Completeness.CacheDuration && clock.GetUtcNow() >= report.At ? report : null;

    private string? CommuneName(string code) => code == "_" ? null : adminUnits.Find(adminUnits.CurrentVersion, code)?.CommuneName;
}
