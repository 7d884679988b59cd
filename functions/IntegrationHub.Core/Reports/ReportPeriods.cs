using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Reports;

/// <summary>
/// The report periods, in province time (docs/reports.md, docs/adr/0014-periodic-reports.md). A week runs from Thursday 00:00 to
/// the next Thursday 00:00, so the report of the week that just closed is ready for the province's Thursday 10:00 meeting. A month
/// runs from the 15th 00:00 to the 15th of the next month 00:00, Vietnam's statistical reporting month, so the report is ready
/// well before the reports due on the 18th.
/// </summary>
public static class ReportPeriods
{
    public const int MonthStartDay = 15;

    /// <summary>The period of <paramref name="kind"/> holding <paramref name="instant"/>.</summary>
    public static ReportPeriod Containing(string kind, DateTimeOffset instant, ProvinceTime time)
    {
        var day = time.DayStart(instant);
        switch (kind)
        {
            case ReportKind.Weekly:
                var back = ((int)day.DayOfWeek - (int)DayOfWeek.Thursday + 7) % 7;
                var start = day.AddDays(-back);
                return new ReportPeriod(kind, start, start.AddDays(7));
            case ReportKind.Monthly:
                var first = new DateTimeOffset(day.Year, day.Month, MonthStartDay, 0, 0, 0, time.Offset);
                var monthStart = day.Day >= MonthStartDay ? first : first.AddMonths(-1);
                return new ReportPeriod(kind, monthStart, monthStart.AddMonths(1));
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a report kind.");
        }
    }

    /// <summary>The period just before <paramref name="period"/>.</summary>
    public static ReportPeriod Previous(ReportPeriod period) => period.Kind == ReportKind.Weekly
        ? period with { Start = period.Start.AddDays(-7), End = period.Start }
        : period with { Start = period.Start.AddMonths(-1), End = period.Start };

    /// <summary>The most recent period of <paramref name="kind"/> that has ended at <paramref name="now"/>.</summary>
    public static ReportPeriod LastClosed(string kind, DateTimeOffset now, ProvinceTime time) => Previous(Containing(kind, now, time));

    /// <summary>The <paramref name="count"/> most recent closed periods, the newest first.</summary>
    public static IReadOnlyList<ReportPeriod> RecentClosed(string kind, DateTimeOffset now, ProvinceTime time, int count)
    {
        var periods = new List<ReportPeriod>(count);
        var period = LastClosed(kind, now, time);
        for (var i = 0; i < count; i++)
        {
            periods.Add(period);
            period = Previous(period);
        }

        return periods;
    }
}
