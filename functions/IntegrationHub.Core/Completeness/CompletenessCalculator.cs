namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Expected against received reporting periods, from the first arrival of each sender per period. A period is due at its
/// end plus the grace (<see cref="CompletenessOptions.GraceFactor"/> × cadence); a record received by then makes it on
/// time, after it late, none by then missing; before the deadline with nothing yet it is open and counts nowhere.
/// Periods are counted over the window from when tracking began; one that began before (a backfill of older data)
/// counts only if it was received. A feed's period takes its worst sender's status (missing, late, open, on time).
/// </summary>
public sealed class CompletenessCalculator(CompletenessOptions options)
{
    public TimeSpan Grace(TimeSpan cadence) => cadence * options.GraceFactor;

    /// <summary>Every sender's periods and summary, and the feed's, worst sender first per period.</summary>
    public (CompletenessSummary Summary, IReadOnlyList<ReportingPeriod> Periods, IReadOnlyList<SenderCompleteness> Senders) Evaluate(
        ReportingPeriods periods, TimeSpan cadence, IReadOnlyCollection<string> sources, IReadOnlyList<PeriodArrival> arrivals,
        DateTimeOffset trackedSince, DateTimeOffset windowStart, DateTimeOffset now)
    {
        var grace = Grace(cadence);
        var starts = periods.Between(windowStart, now).ToArray();
        var senders = new List<SenderCompleteness>();
        var bySender = new List<Dictionary<long, ReportingPeriod>>();
        foreach (var source in sources.Concat(arrivals.Select(a => a.Source)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var first = arrivals.Where(a => a.Source == source)
                .GroupBy(a => a.PeriodStart.UtcTicks)
                .ToDictionary(g => g.Key, g => g.Min(a => a.FirstReceivedAt));
            var list = new List<ReportingPeriod>();
            foreach (var start in starts)
            {
                var received = first.TryGetValue(start.UtcTicks, out var at) ? at : (DateTimeOffset?)null;
                if (start < trackedSince && received is null)
                {
                    continue; // begun before tracking did, and nothing came for it since
                }

                var end = periods.End(start);
                var deadline = end + grace;
                var status = received is { } r ? (r <= deadline ? PeriodStatus.OnTime : PeriodStatus.Late)
                    : deadline < now ? PeriodStatus.Missing
                    : PeriodStatus.Open;
                list.Add(new ReportingPeriod(start, end, deadline, status, received));
            }

            bySender.Add(list.ToDictionary(p => p.Start.UtcTicks));
            senders.Add(new SenderCompleteness(source, Summarize(list), Shown(list)));
        }

        var feedPeriods = starts
            .Select(start => bySender.Select(p => p.GetValueOrDefault(start.UtcTicks)).OfType<ReportingPeriod>().ToArray())
            .Where(ofStart => ofStart.Length > 0)
            .Select(ofStart => ofStart.MaxBy(p => Severity(p.Status))! with { FirstReceivedAt = ofStart.Min(p => p.FirstReceivedAt) })
            .ToList();
        return (Summarize(feedPeriods), Shown(feedPeriods), senders);
    }

    /// <summary>The counts and streaks of a list of periods, oldest first; open periods count nowhere.</summary>
    public CompletenessSummary Summarize(IReadOnlyList<ReportingPeriod> periods)
    {
        var counted = periods.Where(p => p.Status != PeriodStatus.Open).ToArray();
        int Streak(string status) => counted.Reverse().TakeWhile(p => p.Status == status).Count();
        var lateStreak = Streak(PeriodStatus.Late);
        var missingStreak = Streak(PeriodStatus.Missing);
        var state = counted.Length == 0 ? CompletenessState.Unknown
            : missingStreak >= options.SilentPeriods ? CompletenessState.Silent
            : counted[^1].Status switch
            {
                PeriodStatus.Missing => CompletenessState.Missing,
                PeriodStatus.Late => CompletenessState.Late,
                _ => CompletenessState.OnTime,
            };
        return new CompletenessSummary(state, counted.Length,
            counted.Count(p => p.Status == PeriodStatus.OnTime),
            counted.Count(p => p.Status == PeriodStatus.Late),
            counted.Count(p => p.Status == PeriodStatus.Missing),
            lateStreak, missingStreak);
    }

    /// <summary>
    /// The entities of a feed whose entities report every period that stopped: no record for
    /// <see cref="CompletenessOptions.SilentPeriods"/> cadences past the grace, counted by commune, most first.
    /// </summary>
    public (int Entities, IReadOnlyList<(string Commune, int Entities)> SilentByCommune) SilentEntities(
        IEnumerable<(string Commune, DateTimeOffset EventTime)> entities, TimeSpan cadence, DateTimeOffset now)
    {
        var cutoff = now - (cadence * options.SilentPeriods) - Grace(cadence);
        var total = 0;
        var silent = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (commune, eventTime) in entities)
        {
            total++;
            if (eventTime < cutoff)
            {
                silent[commune] = silent.GetValueOrDefault(commune) + 1;
            }
        }

        return (total, silent.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)).ToArray());
    }

    private IReadOnlyList<ReportingPeriod> Shown(List<ReportingPeriod> periods) =>
        periods.Count <= options.PeriodsShown ? periods : periods[^options.PeriodsShown..];

    private static int Severity(string status) => status switch
    {
        PeriodStatus.Missing => 3,
        PeriodStatus.Late => 2,
        PeriodStatus.Open => 1,
        _ => 0,
    };
}
