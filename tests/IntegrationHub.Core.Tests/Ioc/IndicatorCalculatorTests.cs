using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ioc;

public class IndicatorCalculatorTests
{
    private const string Dossiers = "pubsvc.dossier-status";
    private const string Health = "health.facility-interop";
    private const string Schools = "edu.school-status";

    private static object Dossier(string channel, bool? paidOnline, string? commune, string agency, DateTimeOffset receivedAt) => new
    {
        dossierCode = Guid.NewGuid().ToString("N"),
        handlingAgencyCode = agency,
        communeCode = commune,
        channel,
        paidOnline,
        receivedAt = receivedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<Indicator> IndicatorAsync(IocHarness harness, string id) =>
        (await harness.Indicators.GetAsync(CancellationToken.None)).Indicators.Single(i => i.Id == id);

    [Fact]
    public async Task Online_dossier_and_payment_rates_count_dossiers_received_in_the_window_per_agency_and_commune()
    {
        var harness = new IocHarness();
        var recent = harness.Now.AddDays(-2);
        harness.AddSnapshot(Dossiers, "d1", "04795", Dossier("ONLINE_FULL", true, "04795", "000.00.01.H25", recent));
        harness.AddSnapshot(Dossiers, "d2", "04795", Dossier("IN_PERSON", false, "04795", "000.00.01.H25", recent));
        harness.AddSnapshot(Dossiers, "d3", null, Dossier("ONLINE_PARTIAL", null, null, "000.00.12.H25", recent));
        harness.AddSnapshot(Dossiers, "d4", "04924", Dossier("POSTAL", true, "04924", "000.00.12.H25", recent));
        harness.AddSnapshot(Dossiers, "old", "04924", Dossier("IN_PERSON", false, "04924", "000.00.12.H25", harness.Now.AddDays(-31)));

        var online = await IndicatorAsync(harness, "I-05");
        var paid = await IndicatorAsync(harness, "I-07");

        Assert.Equal((2L, 4L, 50.0), (online.Numerator, online.Denominator, online.Value));
        Assert.Equal((85.0, 2030), (online.Target!.Value, online.TargetYear!.Value));
        var hoaBinh = online.Breakdowns["commune"].Single(r => r.Key == "04795");
        Assert.Equal((1L, 2L, 50.0, "Phường Hoà Bình"), (hoaBinh.Numerator, hoaBinh.Denominator, hoaBinh.Value, hoaBinh.Name!.Vi));
        Assert.Equal(["04795", "04924"], online.Breakdowns["commune"].Select(r => r.Key)); // the online dossier has no commune
        Assert.Equal((1L, 2L), (online.Breakdowns["agency"].Single(r => r.Key == "000.00.12.H25").Numerator, online.Breakdowns["agency"].Single(r => r.Key == "000.00.12.H25").Denominator));
        Assert.Equal((2L, 3L, 66.7), (paid.Numerator, paid.Denominator, paid.Value)); // no fee (null) is not in the denominator
    }

    [Fact]
    public async Task Health_and_education_rates_sum_the_latest_reports_per_commune()
    {
        var harness = new IocHarness();
        harness.AddSnapshot(Health, "17001", "04795", new { communeCode = "04795", encounters = 100, healthBookSyncedVneid = 90 });
        harness.AddSnapshot(Health, "17002", "04795", new { communeCode = "04795", encounters = 50, healthBookSyncedVneid = 50 });
        harness.AddSnapshot(Health, "17003", "05200", new { communeCode = "05200", encounters = 10, healthBookSyncedVneid = 2 },
            eventTime: harness.Now.AddDays(-40)); // outside the window
        harness.AddSnapshot(Schools, "S1", "04795", new { communeCode = "04795", studentsEnrolled = 1000, studentsPresent = 900, studentsIdVerified = 990, internetConnected = true });
        harness.AddSnapshot(Schools, "S2", "04924", new { communeCode = "04924", studentsEnrolled = 200, studentsPresent = 180, studentsIdVerified = 150, internetConnected = false });

        var health = await IndicatorAsync(harness, "I-12");
        var students = await IndicatorAsync(harness, "I-14");

        Assert.Equal((140L, 150L, 93.3), (health.Numerator, health.Denominator, health.Value));
        Assert.Equal("04795", Assert.Single(health.Breakdowns["commune"]).Key);
        Assert.Equal((1140L, 1200L, 95.0), (students.Numerator, students.Denominator, students.Value));
        Assert.Equal(75.0, students.Breakdowns["commune"].Single(r => r.Key == "04924").Value);
        Assert.Equal(90.0, students.Secondary.Single(s => s.Key == "attendance").Value);
        Assert.Equal(50.0, students.Secondary.Single(s => s.Key == "schoolsOnline").Value);
        Assert.Null(students.Target); // the plans set no number for I-14
    }

    [Fact]
    public async Task Integration_freshness_and_quality_come_from_feed_status_per_department()
    {
        var harness = new IocHarness();
        await harness.AcceptAsync(Dossiers, harness.Now.AddMinutes(-5), accepted: 9, rejected: 1);
        await harness.AcceptAsync(Schools, harness.Now.AddDays(-10), accepted: 1); // integrated this month, but silent now
        await harness.AcceptAsync(Health, harness.Now.AddHours(-2), accepted: 3, rejected: 3);

        var integrated = await IndicatorAsync(harness, "I-01");
        var fresh = await IndicatorAsync(harness, "I-03");
        var quality = await IndicatorAsync(harness, "I-04");

        Assert.Equal((3L, 10L, 30.0), (integrated.Numerator, integrated.Denominator, integrated.Value)); // ten feeds in the catalogue
        Assert.Equal(0, integrated.Breakdowns["department"].Single(r => r.Key == "SNNMT").Numerator);
        Assert.Equal((2L, 10L), (fresh.Numerator, fresh.Denominator));
        Assert.Equal(FeedState.Silent, fresh.Breakdowns["feed"].Single(r => r.Key == Schools).State);
        Assert.Equal((12L, 16L, 75.0), (quality.Numerator, quality.Denominator, quality.Value)); // the school record is older than 24 h
        Assert.Equal(4, quality.TopRejections!.Single().Count);
    }

    [Fact]
    public async Task Targets_come_from_configuration_when_set()
    {
        var options = new IocOptions();
        options.Targets["I-05"] = new IndicatorTarget { Value = 70, Year = 2025 };
        options.Targets["I-14"] = new IndicatorTarget { Value = 100 };
        var harness = new IocHarness(options);

        var online = await IndicatorAsync(harness, "I-05");
        var students = await IndicatorAsync(harness, "I-14");

        Assert.Equal((70.0, 2025), (online.Target, online.TargetYear));
        Assert.Equal((100.0, (int?)null), (students.Target, students.TargetYear));
        Assert.Null(online.Value); // nothing to divide yet
    }

    [Fact]
    public async Task Indicators_are_served_from_memory_until_the_cache_expires()
    {
        var harness = new IocHarness();
        var first = await IndicatorAsync(harness, "I-12");
        harness.AddSnapshot(Health, "17001", "04795", new { communeCode = "04795", encounters = 10, healthBookSyncedVneid = 5 });

        var cached = await IndicatorAsync(harness, "I-12");
        harness.Clock.SetUtcNow(harness.Now.AddSeconds(31));
        var recomputed = await IndicatorAsync(harness, "I-12");

        Assert.Null(first.Value);
        Assert.Null(cached.Value);
        Assert.Equal(50.0, recomputed.Value);
    }

    [Fact]
    public async Task Every_indicator_of_the_issue_is_present_with_its_ids_from_feeds_md()
    {
        var report = await new IocHarness().Indicators.GetAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"I-{n:00}"), report.Indicators.Select(i => i.Id));
        Assert.All(report.Indicators, i => Assert.False(string.IsNullOrEmpty(i.Name.Vi) || string.IsNullOrEmpty(i.Name.En)));
        Assert.Equal("25", report.ProvinceCode);
    }
}
