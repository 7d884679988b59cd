using IntegrationHub.Core.Completeness;

namespace IntegrationHub.Core.Tests.Completeness;

public class ReportingPeriodsTests
{
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);

    private static ReportingPeriods Of(string cadence) => new(System.Xml.XmlConvert.ToTimeSpan(cadence), cadence, Province);

    [Fact]
    public void A_daily_period_runs_from_midnight_in_province_time_not_utc()
    {
        var periods = Of("P1D");
        var start = periods.Start(new DateTimeOffset(2026, 11, 20, 18, 30, 0, TimeSpan.Zero)); // 01:30 on the 21st in the province

        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, Province), start);
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, Province), periods.End(start));
    }

    [Fact]
    public void Quarter_hours_are_slices_of_the_day()
    {
        var periods = Of("PT15M");

        Assert.Equal(new DateTimeOffset(2026, 11, 20, 9, 45, 0, Province), periods.Start(new DateTimeOffset(2026, 11, 20, 9, 59, 59, Province)));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Province), periods.Start(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Province)));
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        var periods = Of("P7D");
        var start = periods.Start(new DateTimeOffset(2026, 11, 20, 12, 0, 0, Province)); // a Friday

        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, Province), start);
        Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
        Assert.Equal(start.AddDays(7), periods.End(start));
    }

    [Fact]
    public void Months_are_calendar_months_across_the_year_end()
    {
        var periods = Of("P1M");
        var start = periods.Start(new DateTimeOffset(2026, 12, 31, 23, 59, 0, Province));

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, Province), start);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, Province), periods.End(start));
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, Province), periods.End(periods.End(start)));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 0, 0, 0, Province), Of("P3M").Start(new DateTimeOffset(2026, 8, 15, 0, 0, 0, Province)));
    }

    [Fact]
    public void A_cadence_dividing_neither_day_nor_week_counts_from_a_fixed_monday()
    {
        var periods = Of("PT7H");
        var instant = new DateTimeOffset(2026, 11, 20, 12, 0, 0, Province);
        var start = periods.Start(instant);

        Assert.True(start <= instant && instant < periods.End(start));
        Assert.Equal(0, (start - new DateTimeOffset(2001, 1, 1, 0, 0, 0, Province)).Ticks % TimeSpan.FromHours(7).Ticks);
        Assert.Equal(start, periods.Start(periods.End(start).AddTicks(-1)));
    }

    [Fact]
    public void Between_lists_every_period_touching_the_range_oldest_first()
    {
        var periods = Of("PT1H");
        var from = new DateTimeOffset(2026, 11, 20, 9, 30, 0, Province);

        var starts = periods.Between(from, from.AddHours(2)).ToArray();

        Assert.Equal([from.AddMinutes(-30), from.AddMinutes(30), from.AddMinutes(90)], starts);
    }
}
