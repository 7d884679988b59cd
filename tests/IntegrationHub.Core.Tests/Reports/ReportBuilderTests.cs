using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;
using IntegrationHub.Core.Reports;
using IntegrationHub.Core.Tests.Ioc;
using static IntegrationHub.Core.Tests.Reports.ReportFixtures;

namespace IntegrationHub.Core.Tests.Reports;

/// <summary>The report builder on hand-made inputs: which indicators, points and reasons land in which scope's report.</summary>
public class ReportBuilderTests
{
    [Fact]
    public async Task Sections_come_in_their_order_whatever_the_order_they_are_registered_in()
    {
        var report = await Builder().BuildAsync(Empty(), Scope(ReportScope.Province), CancellationToken.None);

        Assert.Equal([IndicatorsReportSection.Id, TrendsReportSection.Id, RejectionsReportSection.Id], report.Sections.Select(s => s.Id));
        Assert.Equal("weekly-province-20261119", report.Id);
        Assert.Equal(Week.End.AddHours(10), report.GeneratedAt);
    }

    [Fact]
    public async Task Empty_data_gives_sections_that_say_so_and_no_invented_rows()
    {
        var report = await Builder().BuildAsync(Empty(), Scope("SGDDT"), CancellationToken.None);

        Assert.All(report.Sections, s => Assert.Empty(s.Rows));
        Assert.All(report.Sections, s => Assert.Empty(s.Charts));
        Assert.Contains("could not be computed", report.Sections[0].EmptyText.En, StringComparison.Ordinal);
        var html = System.Text.Encoding.UTF8.GetString(ReportHtml.Render(report, Time));
        Assert.Contains("No record was rejected in the period.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);
        Assert.Single(System.Text.Encoding.UTF8.GetString(ReportCsv.Render(report)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only
    }

    [Fact]
    public async Task A_department_gets_the_indicators_of_its_feeds_its_own_breakdown_row_and_its_feeds_reasons()
    {
        var departments = new Dictionary<string, IReadOnlyList<BreakdownRow>>
        {
            ["department"] = [new BreakdownRow("VPUBND", null, 9, 10, 90), new BreakdownRow("SGDDT", null, 1, 4, 25)],
        };
        var atEnd = Report(Week.End,
            Indicator("I-04", 80, 8, 10, feeds: [Dossiers, Schools], target: 50, targetStatus: TargetStatus.Met, breakdowns: departments),
            Indicator("I-05", 42.5, 17, 40, target: 80, targetStatus: TargetStatus.NotMet),
            Indicator("I-06", 30, 3, 10, status: IndicatorStatus.Proxy),
            Indicator("I-12", 55, 1, 2, status: IndicatorStatus.Unavailable, feeds: [Schools]));
        var atStart = Report(Week.Start, Indicator("I-05", 40, 16, 40), Indicator("I-04", 70, 7, 10, feeds: [Dossiers, Schools],
            breakdowns: new Dictionary<string, IReadOnlyList<BreakdownRow>> { ["department"] = [new BreakdownRow("VPUBND", null, 7, 10, 70)] }));
        var hour = Week.Start.AddHours(30);
        var data = new ReportData(Week, atEnd, atStart,
            [new IndicatorPoint("I-05", hour, 40), new IndicatorPoint("I-05", hour.AddHours(1), null), new IndicatorPoint("I-05", hour.AddHours(2), 42),
                new IndicatorPoint("I-05", Week.End, 99), new IndicatorPoint("I-06", hour, 30)],
            new Dictionary<string, IReadOnlyList<HourBucket>>
            {
                [Dossiers] =
                [
                    Bucket(Week.Start.AddHours(-1), 5, 9, new RejectionReason("/data/old", "before the period", 9)),
                    Bucket(hour, 10, 3, new RejectionReason("/data/channel", "must be one of …", 2), new RejectionReason("/data/x", "other", 1)),
                    Bucket(hour.AddHours(5), 10, 2, new RejectionReason("/data/channel", "must be one of …", 2)),
                ],
                [Schools] = [Bucket(hour, 1, 7, new RejectionReason("/data/schoolCode", "pattern", 7))],
            });

        var office = await Builder().BuildAsync(data, Scope("VPUBND"), CancellationToken.None);
        var province = await Builder().BuildAsync(data, Scope(ReportScope.Province), CancellationToken.None);

        var indicators = office.Sections.Single(s => s.Id == IndicatorsReportSection.Id);
        Assert.Equal(["I-04", "I-05", "I-06"], indicators.Rows.Select(r => r.Cells[0].Text)); // I-12 is computed from the schools only
        var quality = Cells(indicators, "I-04");
        Assert.Equal(("90", "9", "10", "Met"), (quality["value"].Text, quality["numerator"].Text, quality["denominator"].Text, quality["target_status"].En));
        Assert.Equal("+20", quality["change"].Text); // the department's row at both ends
        var online = Cells(indicators, "I-05");
        Assert.Equal(("42.5", "40", "+2.5", "80", "Not met"), (online["value"].Text, online["value_at_start"].Text, online["change"].Text, online["target"].Text, online["target_status"].En));
        Assert.Equal(("30", "An approximation"), (Cells(indicators, "I-06")["value"].Text, Cells(indicators, "I-06")["note"].En));

        var unavailable = Cells(province.Sections.Single(s => s.Id == IndicatorsReportSection.Id), "I-12");
        Assert.Equal(("", "", "", "The catalogue is missing"), (unavailable["value"].Text, unavailable["numerator"].Text, unavailable["change"].Text, unavailable["note"].En));
        Assert.Equal("80", Cells(province.Sections[0], "I-04")["value"].Text); // the province's own value

        var trends = office.Sections.Single(s => s.Id == TrendsReportSection.Id);
        Assert.Equal(["I-04", "I-05", "I-06"], trends.Charts.Select(c => c.Key));
        var trend = trends.Charts.Single(c => c.Key == "I-05");
        Assert.Equal([40.0, 42.0], trend.Points.Select(p => p.Value!.Value)); // the hour without a value and the hour at the period's end are left out
        Assert.Equal(("2", "40", "42"), (Cells(trends, "I-05")["points"].Text, Cells(trends, "I-05")["min"].Text, Cells(trends, "I-05")["max"].Text));
        Assert.DoesNotContain(province.Sections.Single(s => s.Id == TrendsReportSection.Id).Charts, c => c.Key == "I-12");

        var reasons = office.Sections.Single(s => s.Id == RejectionsReportSection.Id);
        Assert.Equal([("/data/channel", "4"), ("/data/x", "1")], reasons.Rows.Select(r => (r.Cells[1].Text, r.Cells[3].Text)));
        Assert.Contains("20 / 5", reasons.Note!.En, StringComparison.Ordinal);
        var all = province.Sections.Single(s => s.Id == RejectionsReportSection.Id);
        Assert.Equal(["/data/schoolCode", "/data/channel", "/data/x"], all.Rows.Select(r => r.Cells[1].Text));
    }

    [Fact]
    public async Task The_data_reader_reads_the_indicators_at_both_ends_and_the_hub_s_stored_points_and_buckets()
    {
        var harness = new IocHarness();
        harness.Clock.SetUtcNow(Week.End.AddDays(1));
        await harness.AcceptAsync(Schools, Week.Start.AddDays(1), accepted: 3, rejected: 2);
        await harness.AcceptAsync(Schools, Week.End.AddHours(1), rejected: 5); // after the period
        await harness.Store.SaveIndicatorPointsAsync([new IndicatorPoint("I-04", Week.Start.AddDays(1), 60), new IndicatorPoint("I-04", Week.End, 61)], CancellationToken.None);
        var reader = new ReportDataReader(harness.Indicators, harness.Store, Support.Contracts.Catalogue);

        var data = await reader.ReadAsync(Week, harness.Now, CancellationToken.None);

        Assert.Null(data.AtEnd); // no source serves a past instant in this harness: the report says so rather than invent values
        Assert.Null(data.AtStart);
        Assert.Equal([60.0], data.Points.Select(p => p.Value!.Value));
        Assert.Equal((3L, 2L), (data.Buckets[Schools].Sum(b => b.Accepted), data.Buckets[Schools].Sum(b => b.Rejected)));
        Assert.Equal("/data/x", data.Buckets[Schools].Single().Reasons.Single().Pointer);
        var report = await Builder().BuildAsync(data, Scope("SGDDT"), CancellationToken.None);
        Assert.Equal("2", report.Sections.Single(s => s.Id == RejectionsReportSection.Id).Rows.Single().Cells[3].Text);
    }

    [Fact]
    public void Every_scope_of_the_catalogue_is_the_province_or_an_owner_and_has_a_well_formed_report_id()
    {
        var scopes = ReportScope.All(Support.Contracts.Catalogue);

        Assert.Equal(ReportScope.Province, scopes[0].Code);
        Assert.Equal(Support.Contracts.Catalogue.Feeds.Select(f => f.Owner.Code).Distinct().Order(StringComparer.Ordinal), scopes.Skip(1).Select(s => s.Code));
        Assert.Equal(Support.Contracts.Catalogue.Feeds.Count, scopes.Skip(1).Sum(s => s.FeedIds.Count));
        Assert.All(scopes, s => Assert.True(ReportFile.IsReportId(Week.IdFor(s.Code)), Week.IdFor(s.Code)));
        Assert.All(new[] { "weekly-a-b-20261119", "weekly-..-20261119", "daily-province-20261119", "weekly-province-2026111", "weekly-province-20261119/x" },
            id => Assert.False(ReportFile.IsReportId(id), id));
    }

    private static Dictionary<string, ReportCell> Cells(ReportSection section, string id)
    {
        var row = section.Rows.Single(r => r.Cells[0].Text == id);
        return section.Columns.Select((c, i) => (c.Key, Cell: row.Cells[i])).ToDictionary(x => x.Key, x => x.Cell);
    }
}
