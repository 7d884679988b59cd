using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Reports;

namespace IntegrationHub.Core.Tests.Reports;

/// <summary>Report periods in province time (UTC+7): weeks from Thursday 00:00, months from the 15th 00:00.</summary>
public class ReportPeriodsTests
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    private static readonly ProvinceTime Time = new(Offset);

    private static DateTimeOffset Local(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, Offset);

    [Theory]
    [InlineData(2026, 11, 19, 0, 0, 19)] // Thursday 00:00 opens its week
    [InlineData(2026, 11, 19, 10, 0, 19)] // the meeting itself
    [InlineData(2026, 11, 25, 23, 59, 19)] // Wednesday night still belongs to it
    [InlineData(2026, 11, 26, 0, 0, 26)] // the next Thursday opens the next
    [InlineData(2026, 11, 22, 12, 0, 19)] // Sunday
    public void A_week_runs_from_Thursday_midnight_to_the_next(int year, int month, int day, int hour, int minute, int startDay)
    {
        var period = ReportPeriods.Containing(ReportKind.Weekly, Local(year, month, day, hour, minute), Time);

        Assert.Equal(Local(2026, 11, startDay), period.Start);
        Assert.Equal(Local(2026, 11, startDay).AddDays(7), period.End);
        Assert.Equal(DayOfWeek.Thursday, period.Start.DayOfWeek);
    }

    [Fact]
    public void The_week_is_read_in_province_time_not_UTC()
    {
        // Wednesday 17:00 UTC is Thursday 00:00 in the province: a new week.
        var period = ReportPeriods.Containing(ReportKind.Weekly, new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), Time);
        Assert.Equal(Local(2026, 11, 26), period.Start);

        var before = ReportPeriods.Containing(ReportKind.Weekly, new DateTimeOffset(2026, 11, 25, 16, 59, 59, TimeSpan.Zero), Time);
        Assert.Equal(Local(2026, 11, 19), before.Start);
    }

    [Fact]
    public void A_week_crosses_the_year_boundary()
    {
        var period = ReportPeriods.Containing(ReportKind.Weekly, Local(2027, 1, 3, 9), Time);

        Assert.Equal((Local(2026, 12, 31), Local(2027, 1, 7)), (period.Start, period.End));
        Assert.Equal("weekly-province-20261231", period.IdFor("province"));
    }

    [Theory]
    [InlineData(2026, 11, 15, 0, 2026, 11)] // the 15th 00:00 opens the month
    [InlineData(2026, 11, 14, 23, 2026, 10)] // the 14th closes the previous one
    [InlineData(2026, 11, 30, 12, 2026, 11)]
    [InlineData(2026, 12, 1, 0, 2026, 11)]
    [InlineData(2027, 1, 10, 8, 2026, 12)] // across the year: 15 December to 15 January
    [InlineData(2027, 2, 28, 8, 2027, 2)] // February's short month does not move the 15th
    public void A_month_runs_from_the_15th_to_the_15th(int year, int month, int day, int hour, int startYear, int startMonth)
    {
        var period = ReportPeriods.Containing(ReportKind.Monthly, Local(year, month, day, hour), Time);

        Assert.Equal(Local(startYear, startMonth, 15), period.Start);
        Assert.Equal(Local(startYear, startMonth, 15).AddMonths(1), period.End);
    }

    [Fact]
    public void The_last_closed_periods_are_the_ones_that_have_ended()
    {
        var now = Local(2026, 11, 26, 10); // Thursday's meeting
        Assert.Equal((Local(2026, 11, 19), Local(2026, 11, 26)), Span(ReportPeriods.LastClosed(ReportKind.Weekly, now, Time)));
        Assert.Equal((Local(2026, 10, 15), Local(2026, 11, 15)), Span(ReportPeriods.LastClosed(ReportKind.Monthly, now, Time)));

        // On 15 January the month from 15 December has just closed; the year before's December report is next back.
        var months = ReportPeriods.RecentClosed(ReportKind.Monthly, Local(2027, 1, 15), Time, 3);
        Assert.Equal([Local(2026, 12, 15), Local(2026, 11, 15), Local(2026, 10, 15)], months.Select(p => p.Start));
        Assert.All(months, p => Assert.True(p.IsClosedAt(Local(2027, 1, 15))));
        Assert.False(ReportPeriods.Containing(ReportKind.Monthly, Local(2027, 1, 15), Time).IsClosedAt(Local(2027, 1, 15)));
    }

    [Fact]
    public void Previous_periods_are_contiguous()
    {
        var week = ReportPeriods.Containing(ReportKind.Weekly, Local(2026, 3, 5), Time);
        var month = ReportPeriods.Containing(ReportKind.Monthly, Local(2026, 3, 20), Time);
        for (var i = 0; i < 60; i++)
        {
            var previousWeek = ReportPeriods.Previous(week);
            var previousMonth = ReportPeriods.Previous(month);
            Assert.Equal(week.Start, previousWeek.End);
            Assert.Equal(month.Start, previousMonth.End);
            Assert.Equal(15, previousMonth.Start.Day);
            Assert.Equal(DayOfWeek.Thursday, previousWeek.Start.DayOfWeek);
            (week, month) = (previousWeek, previousMonth);
        }
    }

    private static (DateTimeOffset, DateTimeOffset) Span(ReportPeriod period) => (period.Start, period.End);
}
