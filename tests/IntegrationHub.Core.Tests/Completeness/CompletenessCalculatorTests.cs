using IntegrationHub.Core.Completeness;

namespace IntegrationHub.Core.Tests.Completeness;

/// <summary>The completeness formulas on hand-made arrivals: a daily feed, the deadline at noon the next day (grace 0.5).</summary>
public class CompletenessCalculatorTests
{
    private const string A = "urn:lgsp:25:a:system";
    private const string B = "urn:lgsp:25:b:system";
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);
    private static readonly ReportingPeriods Daily = new(Day, "P1D", Province);
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 0, 0, 0, Province);

    private readonly CompletenessCalculator _calculator = new(new CompletenessOptions());

    private static PeriodArrival Arrival(string source, int day, double receivedAfterDayStartHours) =>
        new("edu.school-status", source, Monday.AddDays(day), Monday.AddDays(day).AddHours(receivedAfterDayStartHours));

    private (CompletenessSummary Summary, IReadOnlyList<ReportingPeriod> Periods, IReadOnlyList<SenderCompleteness> Senders) Evaluate(
        DateTimeOffset now, string[] sources, params PeriodArrival[] arrivals) =>
        _calculator.Evaluate(Daily, Day, sources, arrivals, Monday, now.AddDays(-30), now);

    [Fact]
    public void No_data_and_nothing_due_yet_is_unknown()
    {
        var (summary, periods, _) = Evaluate(Monday.AddHours(20), [A]);

        Assert.Equal(CompletenessState.Unknown, summary.State);
        Assert.Equal(0, summary.PeriodsExpected);
        Assert.Equal(PeriodStatus.Open, Assert.Single(periods).Status);
    }

    [Fact]
    public void Received_by_the_deadline_is_on_time_after_it_late_and_never_missing()
    {
        // Monday on time (08:00 Monday), Tuesday late (14:00 Wednesday, after Wednesday 12:00), Wednesday missing; now Friday 13:00.
        var now = Monday.AddDays(4).AddHours(13);
        var (summary, periods, _) = Evaluate(now, [A], Arrival(A, 0, 8), Arrival(A, 1, 38), Arrival(A, 3, 9));

        Assert.Equal([PeriodStatus.OnTime, PeriodStatus.Late, PeriodStatus.Missing, PeriodStatus.OnTime, PeriodStatus.Open], periods.Select(p => p.Status));
        Assert.Equal((4, 2, 1, 1), (summary.PeriodsExpected, summary.OnTime, summary.Late, summary.Missing));
        Assert.Equal(CompletenessState.OnTime, summary.State);
        Assert.Equal(Monday.AddDays(2).AddHours(12), periods[1].Deadline);
        Assert.Equal(Monday.AddDays(1).AddHours(38), periods[1].FirstReceivedAt);
    }

    [Fact]
    public void A_period_received_early_counts_before_it_is_due()
    {
        var now = Monday.AddHours(10);
        var (summary, periods, _) = Evaluate(now, [A], Arrival(A, 0, 9));

        Assert.Equal((1, 1, CompletenessState.OnTime), (summary.PeriodsExpected, summary.OnTime, summary.State));
        Assert.Equal(PeriodStatus.OnTime, Assert.Single(periods).Status);
    }

    [Fact]
    public void Three_missing_periods_in_a_row_make_a_sender_silent()
    {
        var now = Monday.AddDays(4).AddHours(13); // Monday…Thursday due
        var (summary, _, _) = Evaluate(now, [A], Arrival(A, 0, 8));

        Assert.Equal(CompletenessState.Silent, summary.State);
        Assert.Equal((3, 0), (summary.MissingStreak, summary.LateStreak));
    }

    [Fact]
    public void Two_missing_periods_are_missing_not_silent()
    {
        var now = Monday.AddDays(3).AddHours(13); // Monday…Wednesday due
        var (summary, _, _) = Evaluate(now, [A], Arrival(A, 0, 8));

        Assert.Equal((CompletenessState.Missing, 2), (summary.State, summary.MissingStreak));
    }

    [Fact]
    public void Late_periods_in_a_row_are_a_late_streak()
    {
        var now = Monday.AddDays(4).AddHours(13);
        var (summary, _, _) = Evaluate(now, [A], Arrival(A, 0, 8), Arrival(A, 1, 37), Arrival(A, 2, 37), Arrival(A, 3, 37));

        Assert.Equal((CompletenessState.Late, 3, 0), (summary.State, summary.LateStreak, summary.MissingStreak));
    }

    [Fact]
    public void A_feed_period_takes_its_worst_sender_and_each_sender_is_judged_alone()
    {
        var now = Monday.AddDays(2).AddHours(13); // Monday and Tuesday due
        var (summary, periods, senders) = Evaluate(now, [A, B], Arrival(A, 0, 8), Arrival(B, 0, 37), Arrival(A, 1, 8));

        Assert.Equal([PeriodStatus.Late, PeriodStatus.Missing, PeriodStatus.Open], periods.Select(p => p.Status));
        Assert.Equal(CompletenessState.Missing, summary.State);
        Assert.Equal(Monday.AddHours(8), periods[0].FirstReceivedAt); // the feed's first record of the period, whoever sent it
        Assert.Equal([A, B], senders.Select(s => s.Source));
        Assert.Equal((2, 2, 0), (senders[0].Summary.PeriodsExpected, senders[0].Summary.OnTime, senders[0].Summary.Missing));
        Assert.Equal((1, 1, CompletenessState.Missing), (senders[1].Summary.Late, senders[1].Summary.Missing, senders[1].Summary.State));
    }

    [Fact]
    public void A_period_already_running_when_tracking_began_counts_only_if_it_was_received()
    {
        var tracked = Monday.AddHours(10);
        var now = Monday.AddDays(2).AddHours(13);

        var (unreceived, _, _) = _calculator.Evaluate(Daily, Day, [A], [Arrival(A, 1, 8)], tracked, now.AddDays(-30), now);
        var (received, _, _) = _calculator.Evaluate(Daily, Day, [A], [Arrival(A, 0, 11), Arrival(A, 1, 8)], tracked, now.AddDays(-30), now);

        Assert.Equal((1, 1), (unreceived.PeriodsExpected, unreceived.OnTime));
        Assert.Equal((2, 2), (received.PeriodsExpected, received.OnTime));
    }

    [Fact]
    public void A_backfill_of_a_period_before_tracking_began_counts_as_late_and_the_unsent_ones_not_at_all()
    {
        var tracked = Monday.AddDays(5);
        var now = Monday.AddDays(5).AddHours(13);

        var (summary, periods, _) = _calculator.Evaluate(Daily, Day, [A], [Arrival(A, 1, 100)], tracked, now.AddDays(-30), now);

        Assert.Equal([PeriodStatus.Late, PeriodStatus.Open], periods.Select(p => p.Status));
        Assert.Equal((1, 1, 0), (summary.PeriodsExpected, summary.Late, summary.Missing));
    }

    [Fact]
    public void Only_the_window_is_counted_and_only_the_latest_periods_are_listed()
    {
        var calculator = new CompletenessCalculator(new CompletenessOptions { PeriodsShown = 5 });
        var now = Monday.AddDays(40).AddHours(13);
        var arrivals = Enumerable.Range(0, 40).Select(d => Arrival(A, d, 8)).ToArray();

        var (summary, periods, _) = calculator.Evaluate(Daily, Day, [A], arrivals, Monday, now.AddDays(-30), now);

        Assert.Equal(30, summary.PeriodsExpected); // the window's 31 periods less the open one
        Assert.Equal(30, summary.OnTime);
        Assert.Equal(5, periods.Count);
        Assert.Equal(PeriodStatus.Open, periods[^1].Status);
    }

    [Fact]
    public void A_sender_not_in_the_catalogue_is_still_listed_when_it_sent()
    {
        var now = Monday.AddDays(1).AddHours(13);
        var (_, _, senders) = Evaluate(now, [A], Arrival(A, 0, 8), Arrival(B, 0, 9));

        Assert.Equal([A, B], senders.Select(s => s.Source));
    }

    [Fact]
    public void Entities_stop_reporting_after_the_silent_periods_and_the_grace_counted_by_commune()
    {
        var now = Monday.AddDays(10);
        (string, DateTimeOffset)[] entities =
        [
            ("04795", now.AddDays(-1)),
            ("04795", now.AddDays(-3.4)), // within 3 days + 12 h
            ("04795", now.AddDays(-3.6)),
            ("07210", now.AddDays(-9)),
            ("07210", now.AddDays(-4)),
            ("18880", now.AddDays(-5)),
        ];

        var (total, silent) = _calculator.SilentEntities(entities, Day, now);

        Assert.Equal(6, total);
        Assert.Equal([("07210", 2), ("04795", 1), ("18880", 1)], silent);
    }

    [Fact]
    public void No_entities_no_silence()
    {
        var (total, silent) = _calculator.SilentEntities([], Day, Monday);

        Assert.Equal(0, total);
        Assert.Empty(silent);
    }
}
