using System.Text.Json;
using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Ioc.Indicators;

/// <summary>
/// Computes every configured indicator at one instant. Records are fed one entity at a time (<see cref="Add"/>), so a
/// feed of any size streams through; each record is offered to the measures that read its feed, which keep running
/// totals per breakdown key. <see cref="Build"/> then adds what comes from feed status and NDXP deliveries.
/// </summary>
public sealed class IndicatorCalculator
{
    private static readonly LocalizedText NoFeedStatusAtInstant = new(
        "Trạng thái luồng chỉ được lưu cho hiện tại, không dựng lại được tại một thời điểm trong quá khứ.",
        "Feed status is kept for the present only; it is not reconstructed at a past instant.");

    private readonly IndicatorDefinitions _definitions;
    private readonly FeedCatalogue _catalogue;
    private readonly AdminUnitRegistry _adminUnits;
    private readonly IocOptions _options;
    private readonly string _provinceCode;
    private readonly TimeSpan _provinceOffset;
    private readonly DateTimeOffset _at;
    private readonly Dictionary<MeasureDefinition, MeasureTally> _tallies = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, DateTimeOffset> _lastReceived = new(StringComparer.Ordinal);
    private readonly HashSet<string> _referenceCommunes;

    public IndicatorCalculator(IndicatorDefinitions definitions, FeedCatalogue catalogue, AdminUnitRegistry adminUnits, IocOptions options,
        string provinceCode, TimeSpan provinceOffset, DateTimeOffset at)
    {
        _definitions = definitions;
        _catalogue = catalogue;
        _adminUnits = adminUnits;
        _options = options;
        _provinceCode = provinceCode;
        _provinceOffset = provinceOffset;
        _at = at;
        _referenceCommunes = adminUnits.Communes(adminUnits.CurrentVersion, provinceCode).Select(u => u.CommuneCode).ToHashSet(StringComparer.Ordinal);
        foreach (var measure in Measures())
        {
            _tallies[measure] = new MeasureTally(measure);
        }

        SnapshotFeeds = catalogue.Feeds.Select(f => f.Id)
            .Where(id => _tallies.Keys.Any(m => MeasureKind.ReadsRecords(m.Kind) && (m.Feed == MeasureDefinition.EveryFeed || m.Feed == id)))
            .ToArray();
    }

    /// <summary>The catalogue feeds whose records the indicators read.</summary>
    public IReadOnlyList<string> SnapshotFeeds { get; }

    public DateTimeOffset At => _at;

    public void Add(SnapshotIndexEntry entry)
    {
        if (!_lastReceived.TryGetValue(entry.FeedId, out var last) || entry.ReceivedAt > last)
        {
            _lastReceived[entry.FeedId] = entry.ReceivedAt;
        }

        using var document = entry.Data is null ? null : JsonDocument.Parse(entry.Data);
        var record = new IndicatorRecord(entry, document?.RootElement ?? default, _at, _provinceOffset);
        foreach (var (definition, measure, breakdowns) in Uses())
        {
            if (!MeasureKind.ReadsRecords(measure.Kind) || (measure.Feed != MeasureDefinition.EveryFeed && measure.Feed != entry.FeedId)
                || !InWindow(measure.Window, record) || measure.Where is { } where && !where.Matches(record))
            {
                continue;
            }

            var tally = _tallies[measure];
            if (measure.Kind == MeasureKind.CommunesReporting)
            {
                if (record.Commune is { } commune && _referenceCommunes.Contains(commune))
                {
                    tally.Total.NumeratorKeys.Add(commune);
                }

                continue;
            }

            tally.Add(record, tally.Cells(breakdowns.Select(b => (b.Name, record.Key(b.Source, _provinceCode, Department)))));
        }
    }

    public IReadOnlyList<Indicator> Build(IndicatorInputs inputs)
    {
        if (inputs.FeedStatus is { } status)
        {
            foreach (var feed in status.Feeds.Where(f => f.LastEventAt is not null))
            {
                if (!_lastReceived.TryGetValue(feed.FeedId, out var last) || feed.LastEventAt > last)
                {
                    _lastReceived[feed.FeedId] = feed.LastEventAt!.Value;
                }
            }
        }

        return _definitions.All.Select(d => Build(d, inputs)).ToArray();
    }

    private Indicator Build(IndicatorDefinition definition, IndicatorInputs inputs)
    {
        var measure = definition.Measure;
        var tally = _tallies[measure];
        var missing = Missing(definition, measure, inputs);
        IReadOnlyList<RejectionReason>? topRejections = null;
        if (missing is null)
        {
            topRejections = AddTelemetry(definition, tally, inputs);
        }

        var (numerator, denominator, value) = missing is null ? tally.Total.Evaluate(measure, definition.Unit) : (0, 0, null);
        var breakdowns = definition.Breakdowns.ToDictionary(b => b.Name,
            b => missing is null ? Rows(definition, tally, b, inputs) : (IReadOnlyList<BreakdownRow>)[], StringComparer.Ordinal);
        var secondary = definition.Secondary.Select(s => Secondary(s, inputs)).ToArray();
        var target = TargetSelector.Select(definition.Targets, _at.ToOffset(_provinceOffset).Year,
            _options.PlanPriority.Count > 0 ? _options.PlanPriority : _definitions.Plans.Select(p => p.Id).ToArray(),
            _options.Targets.GetValueOrDefault(definition.Id));
        var status = missing is null ? definition.Status : IndicatorStatus.Unavailable;
        var sources = Sources(definition);
        return new Indicator(definition.Id, definition.Name, definition.Formula, value, numerator, denominator, target?.Value, target?.Year, sources,
            breakdowns, secondary, topRejections)
        {
            Unit = definition.Unit,
            Status = status,
            UnavailableReason = missing,
            ProxyNote = definition.ProxyNote,
            Targets = definition.Targets,
            TargetPlan = target?.Plan,
            TargetStatus = TargetStatus.Of(target?.Value, value),
            Period = Period(measure),
            Freshness = Freshness(sources),
        };
    }

    /// <summary>Why a measure cannot be computed here, or null when it can.</summary>
    private LocalizedText? Missing(IndicatorDefinition definition, MeasureDefinition measure, IndicatorInputs inputs)
    {
        if (definition.Status == IndicatorStatus.Unavailable)
        {
            return definition.UnavailableReason;
        }

        return measure.Kind switch
        {
            MeasureKind.FeedsActive or MeasureKind.FeedsFresh or MeasureKind.AcceptedShare when inputs.FeedStatus is null => NoFeedStatusAtInstant,
            MeasureKind.NdxpDelivered when inputs.NdxpLastDelivered is null => definition.UnavailableReason,
            _ => FeedMissing(measure),
        };
    }

    private LocalizedText? FeedMissing(MeasureDefinition measure) =>
        measure.Feed is { } feed && feed != MeasureDefinition.EveryFeed && _catalogue.Find(feed) is null
            ? new LocalizedText($"Luồng {feed} không có trong danh mục của hub này.", $"The feed {feed} is not in this hub's catalogue.")
            : null;

    private SecondaryValue Secondary(SecondaryDefinition secondary, IndicatorInputs inputs)
    {
        if (secondary.Measure is not { } measure)
        {
            return new SecondaryValue(secondary.Key, secondary.Name, 0, 0, null, secondary.Unit, IndicatorStatus.Unavailable, secondary.UnavailableReason);
        }

        if (FeedMissing(measure) is { } missing)
        {
            return new SecondaryValue(secondary.Key, secondary.Name, 0, 0, null, secondary.Unit, IndicatorStatus.Unavailable, missing);
        }

        var (n, d, v) = _tallies[measure].Total.Evaluate(measure, secondary.Unit);
        return new SecondaryValue(secondary.Key, secondary.Name, n, d, v, secondary.Unit);
    }

    /// <summary>Feeds its contributions from feed status or NDXP deliveries into the tally; returns I-04's top rejection reasons.</summary>
    private IReadOnlyList<RejectionReason>? AddTelemetry(IndicatorDefinition definition, MeasureTally tally, IndicatorInputs inputs)
    {
        var measure = tally.Measure;
        switch (measure.Kind)
        {
            case MeasureKind.FeedsActive:
            case MeasureKind.FeedsFresh:
            case MeasureKind.AcceptedShare:
                foreach (var feed in inputs.FeedStatus!.Feeds)
                {
                    var (n, d) = measure.Kind switch
                    {
                        MeasureKind.FeedsActive => (feed.LastEventAt is { } last && last >= _at - measure.Window!.Length(_options) ? 1 : 0, 1L),
                        MeasureKind.FeedsFresh => (feed.State == FeedState.Fresh ? 1 : 0, 1L),
                        _ => (feed.Last24Hours.Accepted, feed.Last24Hours.Accepted + feed.Last24Hours.Rejected),
                    };
                    Contribute(definition, tally, feed.FeedId, n, d);
                }

                return measure.Kind != MeasureKind.AcceptedShare ? null : inputs.FeedStatus.Feeds.SelectMany(f => f.TopRejections)
                    .GroupBy(r => (r.Pointer, r.Reason))
                    .Select(g => new RejectionReason(g.Key.Pointer, g.Key.Reason, g.Sum(r => r.Count)))
                    .OrderByDescending(r => r.Count).ThenBy(r => r.Pointer, StringComparer.Ordinal).Take(_options.TopReasons).ToArray();
            case MeasureKind.NdxpDelivered:
                // Over the datasets flagged for national publication (issue 14's definition; FEEDS.md's table divides by
                // the whole catalogue, which would cap the indicator at the flagged share and never reach the plans' 100%).
                foreach (var feed in _catalogue.Feeds.Where(f => f.PublishToNdxp))
                {
                    var delivered = inputs.NdxpLastDelivered!.TryGetValue(feed.Id, out var at) && at >= _at - measure.Window!.Length(_options);
                    Contribute(definition, tally, feed.Id, delivered ? 1 : 0, 1);
                }

                return null;
            case MeasureKind.CommunesReporting:
                tally.Total.Denominator = _referenceCommunes.Count;
                return null;
            default:
                return null;
        }
    }

    private void Contribute(IndicatorDefinition definition, MeasureTally tally, string feedId, long numerator, long denominator)
    {
        foreach (var cell in tally.Cells(definition.Breakdowns.Select(b => (b.Name, FeedKey(b.Source, feedId)))))
        {
            cell.Numerator += numerator;
            cell.Denominator += denominator;
        }
    }

    private string? FeedKey(string source, string feedId) => source switch
    {
        "$feed" => feedId,
        "$department" => Department(feedId),
        "$province" => _provinceCode,
        _ => null,
    };

    private IReadOnlyList<BreakdownRow> Rows(IndicatorDefinition definition, MeasureTally tally, IndicatorBreakdown breakdown, IndicatorInputs inputs)
    {
        if (tally.Measure.Kind == MeasureKind.CommunesReporting)
        {
            var reporting = tally.Total.NumeratorKeys;
            return _referenceCommunes.Order(StringComparer.Ordinal).Select(c => reporting.Contains(c)
                ? new BreakdownRow(c, Name(breakdown.Source, c), 1, 1, 100, "reporting")
                : new BreakdownRow(c, Name(breakdown.Source, c), 0, 1, 0, "silent")).ToArray();
        }

        return tally.Rows(breakdown.Name).Select(row =>
        {
            var (n, d, v) = row.Value.Evaluate(tally.Measure, definition.Unit);
            var state = tally.Measure.Kind == MeasureKind.FeedsFresh && breakdown.Source == "$feed"
                ? inputs.FeedStatus!.Feeds.FirstOrDefault(f => f.FeedId == row.Key)?.State
                : null;
            return new BreakdownRow(row.Key, Name(breakdown.Source, row.Key), n, d, v, state);
        }).ToArray();
    }

    private LocalizedText? Name(string source, string key)
    {
        switch (source)
        {
            case "$commune":
                return _adminUnits.Find(_adminUnits.CurrentVersion, key) is { } unit ? new LocalizedText(unit.CommuneName, unit.CommuneName) : null;
            case "$province":
                var province = _adminUnits.Communes(_adminUnits.CurrentVersion, key).FirstOrDefault()?.ProvinceName;
                return province is null ? null : new LocalizedText(province, province);
            case "$feed":
                return _catalogue.Find(key)?.Title;
            case "$department":
                return _catalogue.Feeds.FirstOrDefault(f => f.Owner.Code == key)?.Owner.Name;
            default:
                return null;
        }
    }

    private string? Department(string feedId) => _catalogue.Find(feedId)?.Owner.Code;

    private bool InWindow(MeasureWindow? window, IndicatorRecord record) =>
        window is null || record.Instant(window.On) is { } instant && instant >= _at - window.Length(_options);

    private string? Period(MeasureDefinition measure) => measure.Kind switch
    {
        MeasureKind.AcceptedShare => "P1D",
        _ => measure.Window?.Text(_options),
    };

    private IReadOnlyList<string> Sources(IndicatorDefinition definition)
    {
        var measures = definition.Secondary.Select(s => s.Measure).OfType<MeasureDefinition>().Prepend(definition.Measure).ToArray();
        if (measures.Any(m => !MeasureKind.ReadsRecords(m.Kind) || m.Feed == MeasureDefinition.EveryFeed))
        {
            return _catalogue.Feeds.Select(f => f.Id).ToArray();
        }

        return measures.Select(m => m.Feed!).Distinct(StringComparer.Ordinal).ToArray();
    }

    private IndicatorFreshness Freshness(IReadOnlyList<string> sources)
    {
        var times = sources.Where(_lastReceived.ContainsKey).Select(f => _lastReceived[f]).ToArray();
        if (times.Length == 0)
        {
            return new IndicatorFreshness(sources, null, null);
        }

        var oldest = times.Min();
        return new IndicatorFreshness(sources, oldest, Math.Max(0, Math.Round((_at - oldest).TotalSeconds)));
    }

    private IEnumerable<MeasureDefinition> Measures() =>
        Uses().Select(u => u.Measure).Distinct(ReferenceEqualityComparer.Instance).Cast<MeasureDefinition>();

    /// <summary>Every measure with the indicator it belongs to and the breakdowns it keeps (secondary figures keep none).</summary>
    private IEnumerable<(IndicatorDefinition Definition, MeasureDefinition Measure, IReadOnlyList<IndicatorBreakdown> Breakdowns)> Uses()
    {
        foreach (var definition in _definitions.All)
        {
            yield return (definition, definition.Measure, definition.Breakdowns);
            foreach (var secondary in definition.Secondary)
            {
                if (secondary.Measure is { } measure)
                {
                    yield return (definition, measure, []);
                }
            }
        }
    }
}
