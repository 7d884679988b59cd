using System.Globalization;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>Every configured formula on hand-made snapshots: full, partial (records outside the window or missing fields) and empty.</summary>
public class IndicatorFormulaTests
{
    private const string Dossiers = "pubsvc.dossier-status";
    private const string Health = "health.facility-interop";
    private const string Schools = "edu.school-status";

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static async Task<Indicator> IndicatorAsync(IocHarness harness, string id) =>
        (await harness.Indicators.GetAsync(CancellationToken.None)).Indicators.Single(i => i.Id == id);

    private static object Dossier(IocHarness h, string channel, string status, bool electronic, bool reused, bool crossBoundary, int daysAgo = 2,
        double? completedHoursAfterDue = null, string agency = "000.00.01.H25") => new
    {
        dossierCode = Guid.NewGuid().ToString("N"),
        handlingAgencyCode = agency,
        communeCode = "04795",
        channel,
        status,
        receivedAt = Time(h.Now.AddDays(-daysAgo)),
        dueAt = Time(h.Now.AddDays(-daysAgo + 1)),
        completedAt = completedHoursAfterDue is { } late ? Time(h.Now.AddDays(-daysAgo + 1).AddHours(late)) : null,
        resultElectronic = electronic,
        reusedDigitisedData = reused,
        crossBoundary,
    };

    [Fact]
    public async Task With_nothing_ingested_every_indicator_is_listed_without_a_made_up_number()
    {
        var report = await new IocHarness().Indicators.GetAsync(CancellationToken.None);

        Assert.Equal(24, report.Indicators.Count);
        foreach (var indicator in report.Indicators.Where(i => i.Id is not ("I-01" or "I-03" or "I-24")))
        {
            Assert.True(indicator.Value is null, $"{indicator.Id} has a value without data");
            Assert.Equal(0, indicator.Denominator);
        }

        Assert.Equal((0.0, 10L), (IndicatorValue(report, "I-01"), report.Indicators.Single(i => i.Id == "I-01").Denominator)); // ten catalogue feeds, none sent
        var communes = report.Indicators.Single(i => i.Id == "I-24");
        Assert.Equal((0L, 148L, 0.0), (communes.Numerator, communes.Denominator, communes.Value)); // 148 communes of province 25, none reporting
        Assert.All(communes.Breakdowns["commune"], r => Assert.Equal("silent", r.State));
        var ndxp = report.Indicators.Single(i => i.Id == "I-02");
        Assert.Equal((IndicatorStatus.Unavailable, TargetStatus.Unavailable), (ndxp.Status, ndxp.TargetStatus));
        Assert.Contains("NDXP", ndxp.UnavailableReason!.En, StringComparison.Ordinal);
        Assert.All(report.Indicators.Where(i => i.Status == IndicatorStatus.Proxy), i => Assert.NotNull(i.ProxyNote));
        Assert.Equal(["I-06", "I-17", "I-18", "I-21"], report.Indicators.Where(i => i.Status == IndicatorStatus.Proxy).Select(i => i.Id));
    }

    private static double? IndicatorValue(IndicatorReport report, string id) => report.Indicators.Single(i => i.Id == id).Value;

    [Fact]
    public async Task Dossier_rates_full_process_electronic_result_reuse_cross_boundary_and_on_time()
    {
        var h = new IocHarness();
        h.AddSnapshot(Dossiers, "a", "04795", Dossier(h, "ONLINE_FULL", "COMPLETED", electronic: true, reused: true, crossBoundary: true, completedHoursAfterDue: -2));
        h.AddSnapshot(Dossiers, "b", "04795", Dossier(h, "ONLINE_PARTIAL", "COMPLETED", electronic: false, reused: true, crossBoundary: false, completedHoursAfterDue: 5));
        h.AddSnapshot(Dossiers, "c", "04795", Dossier(h, "IN_PERSON", "COMPLETED", electronic: true, reused: false, crossBoundary: false, completedHoursAfterDue: 0));
        h.AddSnapshot(Dossiers, "d", "04795", Dossier(h, "ONLINE_FULL", "PROCESSING", electronic: false, reused: false, crossBoundary: true, agency: "000.00.12.H25"));
        h.AddSnapshot(Dossiers, "old", "04795", Dossier(h, "ONLINE_FULL", "COMPLETED", electronic: true, reused: true, crossBoundary: true, daysAgo: 31));

        var fullProcess = await IndicatorAsync(h, "I-06");
        var electronic = await IndicatorAsync(h, "I-08");
        var reuse = await IndicatorAsync(h, "I-09");
        var crossBoundary = await IndicatorAsync(h, "I-10");
        var onTime = await IndicatorAsync(h, "I-11");

        Assert.Equal((2L, 4L, 50.0, IndicatorStatus.Proxy), (fullProcess.Numerator, fullProcess.Denominator, fullProcess.Value, fullProcess.Status));
        Assert.Equal((2L, 3L, 66.7), (electronic.Numerator, electronic.Denominator, electronic.Value)); // completed dossiers only
        Assert.Equal((100.0, 2025, TargetStatus.NotMet), (electronic.Target!.Value, electronic.TargetYear!.Value, electronic.TargetStatus));
        Assert.Equal((2L, 3L), (reuse.Numerator, reuse.Denominator));
        Assert.Equal((2L, 4L, 50.0), (crossBoundary.Numerator, crossBoundary.Denominator, crossBoundary.Value));
        Assert.Equal(("25", "Phú Thọ"), (Assert.Single(crossBoundary.Breakdowns["province"]).Key, crossBoundary.Breakdowns["province"][0].Name!.Vi));
        Assert.Equal((2L, 3L), (onTime.Numerator, onTime.Denominator)); // completed at the due time counts as on time
        Assert.Equal(1, onTime.Breakdowns["agency"].Single().Denominator - 2);
        Assert.Equal("P30D", onTime.Period);
    }

    [Fact]
    public async Task Health_sync_rate_by_facility_with_the_population_figure_unavailable_and_interop_activity_of_the_day()
    {
        var h = new IocHarness();
        h.AddSnapshot(Health, "17001", "04795", new { facilityCode = "17001", communeCode = "04795", encounters = 100, healthBookSyncedVneid = 90, eReferralsIssued = 3, eReExamAppointments = 4, labResultsShared = 5, interopErrors = 0 });
        h.AddSnapshot(Health, "17002", "04924", new { facilityCode = "17002", communeCode = "04924", encounters = 50, healthBookSyncedVneid = 10, eReferralsIssued = 1, eReExamAppointments = 0, labResultsShared = 0, interopErrors = 2 });
        h.AddSnapshot(Health, "17003", "04924", new { facilityCode = "17003", communeCode = "04924", encounters = 10, healthBookSyncedVneid = 10, eReferralsIssued = 9, eReExamAppointments = 9, labResultsShared = 9, interopErrors = 1 },
            eventTime: h.Now.AddDays(-3)); // in I-12's 30 days, not in I-13's day

        var sync = await IndicatorAsync(h, "I-12");
        var interop = await IndicatorAsync(h, "I-13");

        Assert.Equal((110L, 160L, 68.8), (sync.Numerator, sync.Denominator, sync.Value));
        Assert.Equal(90.0, sync.Breakdowns["facility"].Single(r => r.Key == "17001").Value);
        var population = sync.Secondary.Single(s => s.Key == "ehrPerPopulation");
        Assert.Equal((IndicatorStatus.Unavailable, (double?)null), (population.Status, population.Value));
        Assert.Contains("population", population.UnavailableReason!.En, StringComparison.Ordinal);
        Assert.Equal((13L, 2L, 13.0, "count"), (interop.Numerator, interop.Denominator, interop.Value, interop.Unit));
        Assert.Equal(12.0, interop.Breakdowns["facility"].Single(r => r.Key == "17001").Value);
        var errors = interop.Secondary.Single(s => s.Key == "facilitiesWithErrors");
        Assert.Equal((1L, 2L, 1.0), (errors.Numerator, errors.Denominator, errors.Value));
    }

    [Fact]
    public async Task Students_by_school_and_land_parcels_synced_nationally_by_commune()
    {
        var h = new IocHarness();
        h.AddSnapshot(Schools, "S1", "04795", new { schoolCode = "S1", communeCode = "04795", studentsEnrolled = 100, studentsPresent = 90, studentsIdVerified = 80, internetConnected = true });
        h.AddSnapshot(Schools, "S2", "04795", new { schoolCode = "S2", communeCode = "04795", studentsEnrolled = 300 }); // partial: no verified count
        h.AddSnapshot("land.parcel-record", "p1", "04795", new { communeCode = "04795", recordStatus = "SYNCED_NATIONAL" }, eventTime: h.Now.AddYears(-2));
        h.AddSnapshot("land.parcel-record", "p2", "04795", new { communeCode = "04795", recordStatus = "VERIFIED" });
        h.AddSnapshot("land.parcel-record", "p3", "04924", new { communeCode = "04924", recordStatus = "DRAFT" });

        var students = await IndicatorAsync(h, "I-14");
        var land = await IndicatorAsync(h, "I-15");

        Assert.Equal((80L, 400L, 20.0), (students.Numerator, students.Denominator, students.Value));
        Assert.Equal(["S1", "S2"], students.Breakdowns["school"].Select(r => r.Key));
        Assert.Equal((1L, 2L), (students.Secondary.Single(s => s.Key == "schoolsOnline").Numerator, students.Secondary.Single(s => s.Key == "schoolsOnline").Denominator));
        Assert.Equal((1L, 3L, 33.3), (land.Numerator, land.Denominator, land.Value)); // every parcel known, however old its last change
        Assert.Equal(66.7, land.Secondary.Single(s => s.Key == "digitised").Value);
        Assert.Equal(50.0, land.Breakdowns["commune"].Single(r => r.Key == "04795").Value);
        Assert.Null(land.Period);
    }

    [Fact]
    public async Task Heritage_digitisation_with_visitors_and_environmental_alerts_by_station()
    {
        var h = new IocHarness();
        h.AddSnapshot("culture.heritage-tourism", "DT-1", "04795", new { siteCode = "DT-1", communeCode = "04795", digitisationLevel = "MODEL_3D", visitorsDomestic = 1000, visitorsInternational = 50 });
        h.AddSnapshot("culture.heritage-tourism", "DT-2", "04924", new { siteCode = "DT-2", communeCode = "04924", digitisationLevel = "NONE", visitorsDomestic = 200, visitorsInternational = 0 });
        h.AddSnapshot("culture.heritage-tourism", "DT-3", "04924", new { siteCode = "DT-3", communeCode = "04924" }); // partial: no level, no visitors
        const string Env = "env.observation";
        h.AddSnapshot(Env, "ST1|PM2_5", "04795", new { stationCode = "ST1", parameterCode = "PM2_5", alertLevel = 2 }, eventTime: h.Now.AddMinutes(-10));
        h.AddSnapshot(Env, "ST1|PM10", "04795", new { stationCode = "ST1", parameterCode = "PM10", alertLevel = 3 }, eventTime: h.Now.AddMinutes(-10));
        h.AddSnapshot(Env, "ST2|RAIN_MM", "04924", new { stationCode = "ST2", parameterCode = "RAIN_MM", alertLevel = 0 }, eventTime: h.Now.AddHours(-2));

        var heritage = await IndicatorAsync(h, "I-16");
        var alerts = await IndicatorAsync(h, "I-17");

        Assert.Equal((1L, 3L, 33.3), (heritage.Numerator, heritage.Denominator, heritage.Value));
        Assert.Equal(1250.0, heritage.Secondary.Single(s => s.Key == "monthlyVisitors").Value);
        Assert.Equal((1L, 2L, 1.0, IndicatorStatus.Proxy), (alerts.Numerator, alerts.Denominator, alerts.Value, alerts.Status)); // stations, not series
        Assert.Equal(3.0, alerts.Secondary.Single(s => s.Key == "maxAlertLevel").Value);
        Assert.Equal(1.0, alerts.Secondary.Single(s => s.Key == "staleStations").Value);
        Assert.Equal((0L, 1L), (alerts.Breakdowns["station"].Single(r => r.Key == "ST2").Numerator, alerts.Breakdowns["station"].Single(r => r.Key == "ST2").Denominator));
    }

    [Fact]
    public async Task Social_payments_cashless_and_poor_households_of_the_latest_month()
    {
        var h = new IocHarness();
        const string Social = "social.assistance-payment";
        h.AddSnapshot(Social, "04795|TRO_CAP_XA_HOI_HANG_THANG", "04795", new { communeCode = "04795", programCode = "TRO_CAP_XA_HOI_HANG_THANG", beneficiaries = 200, paidCashless = 150 });
        h.AddSnapshot(Social, "04795|HO_NGHEO_CAN_NGHEO", "04795", new { communeCode = "04795", programCode = "HO_NGHEO_CAN_NGHEO", beneficiaries = 100, paidCashless = 50, poorHouseholds = 40, nearPoorHouseholds = 25 });
        h.AddSnapshot(Social, "04924|HO_NGHEO_CAN_NGHEO", "04924", new { communeCode = "04924", programCode = "HO_NGHEO_CAN_NGHEO", beneficiaries = 10, paidCashless = 10, poorHouseholds = 7, nearPoorHouseholds = 3 },
            eventTime: h.Now.AddDays(-60)); // an old month: outside the window

        var cashless = await IndicatorAsync(h, "I-18");
        var poor = await IndicatorAsync(h, "I-19");

        Assert.Equal((200L, 300L, 66.7, IndicatorStatus.Proxy), (cashless.Numerator, cashless.Denominator, cashless.Value, cashless.Status));
        Assert.Equal((80.0, TargetStatus.NotMet), (cashless.Target!.Value, cashless.TargetStatus));
        Assert.Equal((40L, 1L, 40.0), (poor.Numerator, poor.Denominator, poor.Value)); // only the poor-household programme's rows
        Assert.Equal(25.0, poor.Secondary.Single(s => s.Key == "nearPoorHouseholds").Value);
        Assert.Equal(IndicatorStatus.Unavailable, poor.Secondary.Single(s => s.Key == "monthOnMonthChange").Status);
        Assert.Equal("04795", Assert.Single(poor.Breakdowns["commune"]).Key);
    }

    [Fact]
    public async Task Job_market_ratio_with_placements_and_claim_backlog()
    {
        var h = new IocHarness();
        const string Labour = "labour.job-market";
        h.AddSnapshot(Labour, "u1", "04795", new { reportingUnitCode = "000.00.20.H25", communeCode = "04795", jobSeekersRegistered = 80, vacanciesPosted = 120, placements = 30, unemploymentClaimsReceived = 12, unemploymentClaimsDecided = 9 });
        h.AddSnapshot(Labour, "u2", null, new { reportingUnitCode = "000.00.21.H25", jobSeekersRegistered = 20, vacanciesPosted = 10, placements = 5, unemploymentClaimsReceived = 3, unemploymentClaimsDecided = 4 });

        var jobs = await IndicatorAsync(h, "I-20");

        Assert.Equal((130L, 100L, 1.3, "ratio"), (jobs.Numerator, jobs.Denominator, jobs.Value, jobs.Unit));
        Assert.Equal(35.0, jobs.Secondary.Single(s => s.Key == "placements").Value);
        Assert.Equal(2.0, jobs.Secondary.Single(s => s.Key == "claimBacklog").Value);
        Assert.Equal("04795", Assert.Single(jobs.Breakdowns["commune"]).Key); // the province-wide report has no commune
        Assert.Equal(2, jobs.Breakdowns["agency"].Count);
    }

    [Fact]
    public async Task Coverage_is_a_household_weighted_mean_and_cloud_and_security_shares_of_systems()
    {
        var h = new IocHarness();
        h.AddSnapshot("ict.coverage", "04795|VNPT", "04795", new { communeCode = "04795", pop4gCoveredPct = 100.0, pop5gCoveredPct = 50.0, households1GbpsCapable = 300, householdsTotal = 300 });
        h.AddSnapshot("ict.coverage", "04924|VNPT", "04924", new { communeCode = "04924", pop4gCoveredPct = 60.0, pop5gCoveredPct = 0.0, households1GbpsCapable = 0, householdsTotal = 100 });
        const string Sec = "sec.system-security-status";
        h.AddSnapshot(Sec, "A", null, new { systemCode = "A", ownerAgencyCode = "000.00.01.H25", hostingModel = "PROVINCIAL_CLOUD", levelDossierApproved = true, socMonitored = true, securityLevel = 3, lastBackupAt = Time(h.Now.AddDays(-1)) });
        h.AddSnapshot(Sec, "B", null, new { systemCode = "B", ownerAgencyCode = "000.00.01.H25", hostingModel = "ON_PREM_AGENCY", levelDossierApproved = false, socMonitored = true, securityLevel = 4, lastBackupAt = Time(h.Now.AddDays(-9)) });
        h.AddSnapshot(Sec, "C", null, new { systemCode = "C", ownerAgencyCode = "000.00.02.H25", hostingModel = "COMMERCIAL_CLOUD", levelDossierApproved = true, socMonitored = false, securityLevel = 2 });

        var coverage = await IndicatorAsync(h, "I-21");
        var cloud = await IndicatorAsync(h, "I-22");
        var security = await IndicatorAsync(h, "I-23");

        Assert.Equal((360L, 400L, 90.0, IndicatorStatus.Proxy), (coverage.Numerator, coverage.Denominator, coverage.Value, coverage.Status)); // (300×100 + 100×60) ÷ 400
        Assert.Equal(37.5, coverage.Secondary.Single(s => s.Key == "pop5g").Value);
        Assert.Equal(75.0, coverage.Secondary.Single(s => s.Key == "households1Gbps").Value);
        Assert.Equal((2L, 3L, 66.7), (cloud.Numerator, cloud.Denominator, cloud.Value));
        Assert.Equal((70.0, 2030, TargetStatus.NotMet), (cloud.Target!.Value, cloud.TargetYear!.Value, cloud.TargetStatus));
        Assert.Equal((2L, 3L), (security.Numerator, security.Denominator));
        Assert.Equal(66.7, security.Secondary.Single(s => s.Key == "socMonitored").Value);
        var withoutBackup = security.Secondary.Single(s => s.Key == "level3WithoutBackup");
        Assert.Equal((1L, 2L, 1.0), (withoutBackup.Numerator, withoutBackup.Denominator, withoutBackup.Value)); // B's backup is 9 days old; C is level 2
        Assert.Equal(50.0, security.Breakdowns["agency"].Single(r => r.Key == "000.00.01.H25").Value);
    }

    [Fact]
    public async Task Communes_reporting_count_reference_communes_with_a_record_received_in_seven_days()
    {
        var h = new IocHarness();
        h.AddSnapshot(Schools, "S1", "04795", new { communeCode = "04795" }, receivedAt: h.Now.AddDays(-1));
        h.AddSnapshot(Health, "17001", "04795", new { communeCode = "04795" }, receivedAt: h.Now.AddDays(-2));
        h.AddSnapshot("land.parcel-record", "p", "04924", new { communeCode = "04924" }, receivedAt: h.Now.AddDays(-6));
        h.AddSnapshot("land.parcel-record", "q", "05200", new { communeCode = "05200" }, receivedAt: h.Now.AddDays(-8)); // too old
        h.AddSnapshot(Schools, "X", "07210", new { communeCode = "07210" }); // another province's commune
        h.AddSnapshot(Dossiers, "online", null, new { channel = "ONLINE_FULL" }); // no commune

        var communes = await IndicatorAsync(h, "I-24");

        Assert.Equal((2L, 148L, 1.4), (communes.Numerator, communes.Denominator, communes.Value));
        Assert.Equal(148, communes.Breakdowns["commune"].Count);
        var hoaBinh = communes.Breakdowns["commune"].Single(r => r.Key == "04795");
        Assert.Equal(("reporting", "Phường Hoà Bình"), (hoaBinh.State, hoaBinh.Name!.Vi));
        Assert.Equal("silent", communes.Breakdowns["commune"].Single(r => r.Key == "05200").State);
        Assert.Equal("P7D", communes.Period);
    }

    [Fact]
    public async Task Ndxp_deliveries_count_flagged_feeds_delivered_in_the_window_over_the_flagged_feeds()
    {
        var h = new IocHarness(ndxp: new FixedNdxpDeliveries(new Dictionary<string, DateTimeOffset>
        {
            ["env.observation"] = SampleTime.Now.AddMinutes(-3),
            ["land.parcel-record"] = SampleTime.Now.AddDays(-40), // delivered, but not in the last 30 days
            ["edu.school-status"] = SampleTime.Now, // not flagged for national publication: does not count
        }));

        var ndxp = await IndicatorAsync(h, "I-02");

        var flagged = Support.Contracts.Catalogue.Feeds.Count(f => f.PublishToNdxp);
        Assert.Equal(5, flagged);
        Assert.Equal((IndicatorStatus.Computed, 1L, (long)flagged, 20.0), (ndxp.Status, ndxp.Numerator, ndxp.Denominator, ndxp.Value));
        Assert.DoesNotContain(ndxp.Breakdowns["feed"], r => r.Key == "edu.school-status");
        Assert.Equal((100.0, 2030, "HB"), (ndxp.Target!.Value, ndxp.TargetYear!.Value, ndxp.TargetPlan)); // HB #20 and QB both set 2030: HB comes first
        Assert.Equal(1, ndxp.Breakdowns["department"].Single(r => r.Key == "SNNMT").Numerator);
        Assert.Null(ndxp.UnavailableReason);
    }

    [Fact]
    public async Task Ingest_latency_p95_and_freshness_say_what_a_value_is_computed_from_and_how_old_it_is()
    {
        var h = new IocHarness();
        for (var i = 1; i <= 20; i++)
        {
            h.AddSnapshot(Schools, $"S{i}", "04795", new { communeCode = "04795", studentsEnrolled = 10, studentsIdVerified = 5 },
                eventTime: h.Now.AddHours(-3).AddSeconds(-i), receivedAt: h.Now.AddHours(-3)); // latencies 1 … 20 s
        }

        h.AddSnapshot(Health, "17001", "04795", new { communeCode = "04795", encounters = 10, healthBookSyncedVneid = 5 }, receivedAt: h.Now.AddHours(-10));

        var freshness = await IndicatorAsync(h, "I-03");
        var students = await IndicatorAsync(h, "I-14");
        var quality = await IndicatorAsync(h, "I-01");

        var latency = freshness.Secondary.Single(s => s.Key == "ingestLatencyP95");
        Assert.Equal((19.0, 21L, "seconds"), (latency.Value, latency.Denominator, latency.Unit)); // nearest rank of 21 samples (20 schools + 1 facility at 3,600 s)
        Assert.Equal([Schools], students.Freshness!.ComputedFrom);
        Assert.Equal((h.Now.AddHours(-3), 10800.0), (students.Freshness.OldestLastEventAt!.Value, students.Freshness.AgeSeconds!.Value));
        Assert.Equal(10, quality.Freshness!.ComputedFrom.Count);
        Assert.Equal(h.Now.AddHours(-10), quality.Freshness.OldestLastEventAt); // the oldest of the feeds that have sent
    }

    [Fact]
    public async Task Target_status_is_met_when_the_value_reaches_the_target_in_force()
    {
        var h = new IocHarness();
        h.AddSnapshot(Dossiers, "a", "04795", new { channel = "ONLINE_FULL", receivedAt = Time(h.Now.AddDays(-1)) });
        h.AddSnapshot(Dossiers, "b", "04795", new { channel = "ONLINE_PARTIAL", receivedAt = Time(h.Now.AddDays(-1)) });

        var online = await IndicatorAsync(h, "I-05");
        var fullProcess = await IndicatorAsync(h, "I-06");
        var onTime = await IndicatorAsync(h, "I-11");

        Assert.Equal((100.0, 85.0, TargetStatus.Met), (online.Value, online.Target!.Value, online.TargetStatus));
        Assert.Equal(3, online.Targets.Count);
        Assert.Equal((50.0, TargetStatus.NotMet), (fullProcess.Value, fullProcess.TargetStatus)); // HB #8.2's 90 % (2025) is the latest, still in force
        Assert.Equal((TargetStatus.NoTarget, (double?)null), (onTime.TargetStatus, onTime.Value)); // no completed dossier, no plan target
    }

    /// <summary>The per-feed map the NDXP side provides, fixed for a test.</summary>
    private sealed class FixedNdxpDeliveries(IReadOnlyDictionary<string, DateTimeOffset> map) : INdxpDeliveries
    {
        public Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeliveredAsync(DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(map);
    }
}
