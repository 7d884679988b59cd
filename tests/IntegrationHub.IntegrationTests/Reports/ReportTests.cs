using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Reports;
using IntegrationHub.Core.Validation;
using IntegrationHub.IntegrationTests.Audit;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.IntegrationTests.Reports;

/// <summary>
/// The periodic reports on the real hub's storage (Azurite), the generator's clock standing at chosen instants: the closed weeks and
/// months of every scope are generated once, from the hour buckets and trend points stored for the period, into the private reports
/// container; GET /api/reports lists them and serves their files with the reader's token, and records both reads in the audit trail.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class ReportTests(SharedStackFixture fixture)
{
    private const string Schools = "edu.school-status";
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);

    /// <summary>Thursday 26 November 2026, 10:20 in the province: the week of 19 November and the month from 15 October have closed.</summary>
    private static readonly DateTimeOffset Meeting = new(2026, 11, 26, 10, 20, 0, Province);

    [Fact]
    public async Task Closed_periods_are_generated_once_per_scope_listed_newest_first_and_served_with_the_reader_token()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var services = hub.App.Services;
        var scopes = ReportScope.All(services.GetRequiredService<FeedCatalogue>());
        var store = services.GetRequiredService<IFeedStatusStore>();
        var inWeek = new DateTimeOffset(2026, 11, 20, 9, 5, 0, Province);
        await store.RecordAsync(IngestTally.From(Schools, inWeek, Rejected(3, "/data/teachers", "must be ≥ 0 <b>&</b>")), CancellationToken.None);
        await store.RecordAsync(IngestTally.From(Schools, inWeek.AddHours(26), Rejected(2, "/data/teachers", "must be ≥ 0 <b>&</b>")), CancellationToken.None);
        await store.RecordAsync(IngestTally.From(Schools, inWeek.AddDays(-10), Rejected(7, "/data/old", "before the week")), CancellationToken.None);
        await store.SaveIndicatorPointsAsync([new IndicatorPoint("I-14", inWeek, 60), new IndicatorPoint("I-14", inWeek.AddHours(1), 61), new IndicatorPoint("I-14", inWeek.AddHours(2), 63)],
            CancellationToken.None);

        // Completeness of the week from 19 November: four days on time, the 23rd missing, the 24th late, the 25th not yet due.
        var source = services.GetRequiredService<FeedCatalogue>().Find(Schools)!.Sources[0];
        var week = new DateTimeOffset(2026, 11, 19, 0, 0, 0, Province);
        await services.GetRequiredService<Core.Completeness.ICompletenessStore>().RecordAsync(
            [.. new[] { 0, 1, 2, 3 }.Select(d => new Core.Completeness.PeriodArrival(Schools, source, week.AddDays(d), week.AddDays(d).AddHours(9))),
                new Core.Completeness.PeriodArrival(Schools, source, week.AddDays(5), week.AddDays(7).AddHours(9))], CancellationToken.None);

        var clock = new FakeTimeProvider(Meeting);
        var first = await GeneratorAt(hub, clock).RunOnceAsync(CancellationToken.None);
        Assert.Equal(scopes.SelectMany(s => new[] { $"weekly-{s.Code}-20261119", $"monthly-{s.Code}-20261015" }).Order(), first.Generated.Order());

        var again = await GeneratorAt(hub, clock).RunOnceAsync(CancellationToken.None);
        Assert.Empty(again.Generated);
        Assert.Equal(first.Generated.Count, again.AlreadyStored);

        clock.Advance(TimeSpan.FromDays(7)); // the next Thursday: one more week; the month from 15 November is still open
        var next = await GeneratorAt(hub, clock).RunOnceAsync(CancellationToken.None);
        Assert.Equal(scopes.Select(s => $"weekly-{s.Code}-20261126").Order(), next.Generated.Order());

        // The private container holds each report's page (with the report's description as metadata) and its CSV.
        var container = new BlobServiceClient(fixture.Stack.StorageConnectionString).GetBlobContainerClient(hub.ContainerPrefix + "-reports");
        Assert.True((await container.GetPropertiesAsync()).Value.PublicAccess is null or Azure.Storage.Blobs.Models.PublicAccessType.None);
        var page = (await container.GetBlobClient("weekly-SGDDT-20261119/report.html").GetPropertiesAsync()).Value;
        Assert.Equal(("text/html; charset=utf-8", "weekly", "SGDDT"), (page.ContentType, page.Metadata["kind"], page.Metadata["scope"]));
        Assert.Equal("text/csv; charset=utf-8", (await container.GetBlobClient("weekly-SGDDT-20261119/report.csv").GetPropertiesAsync()).Value.ContentType);

        using var reader = hub.ReaderClient();
        var list = JsonNode.Parse(await reader.GetStringAsync("/api/reports"))!["reports"]!.AsArray();
        Assert.Equal(3 * scopes.Count, list.Count);
        var starts = list.Select(r => r!["periodStart"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(starts.OrderDescending(), starts);
        var weekly = list.Single(r => (string)r!["id"]! == "weekly-SGDDT-20261119")!;
        Assert.Equal(("weekly", "SGDDT"), ((string)weekly["kind"]!, (string)weekly["scope"]!));
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 0, 0, 0, Province), weekly["periodStart"]!.GetValue<DateTimeOffset>());
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, Province), weekly["periodEnd"]!.GetValue<DateTimeOffset>());
        Assert.Equal(Meeting, weekly["generatedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(("/api/reports/weekly-SGDDT-20261119/report.html", "/api/reports/weekly-SGDDT-20261119/report.csv"), ((string)weekly["html"]!, (string)weekly["csv"]!));

        var filtered = JsonNode.Parse(await reader.GetStringAsync("/api/reports?kind=weekly&scope=SGDDT"))!["reports"]!.AsArray();
        Assert.Equal(["weekly-SGDDT-20261126", "weekly-SGDDT-20261119"], filtered.Select(r => (string)r!["id"]!));
        await AssertBadQueryAsync(reader, "/api/reports?kind=yearly", "kind");
        await AssertBadQueryAsync(reader, "/api/reports?scope=NOPE", "scope");

        // The page: encoded reasons of the week only, the trend chart of its stored points, no script; served as a download.
        using (var response = await reader.GetAsync("/api/reports/weekly-SGDDT-20261119/report.html"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("attachment; filename=\"weekly-SGDDT-20261119.html\"", response.Content.Headers.ContentDisposition!.ToString());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'none'", policy, StringComparison.Ordinal);
            Assert.Contains(ReportHtml.StyleHash, policy, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<td>must be ≥ 0 &lt;b&gt;&amp;&lt;/b&gt;</td><td class=\"num\">5</td>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/data/old", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<figure data-chart=\"I-14\">", html, StringComparison.Ordinal);
            Assert.Contains("data-points=\"3\"", html, StringComparison.Ordinal);
            Assert.Contains("<span lang=\"en\">Top rejection reasons</span>", html, StringComparison.Ordinal);
        }

        using (var response = await reader.GetAsync("/api/reports/weekly-SGDDT-20261119/report.csv"))
        {
            Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Equal("attachment; filename=\"weekly-SGDDT-20261119.csv\"", response.Content.Headers.ContentDisposition!.ToString());
            Assert.False(response.Headers.Contains("Content-Security-Policy"));
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
            Assert.StartsWith("section,indicator_id,name,name_en,status,status_en,value,", lines[0], StringComparison.Ordinal);
            var header = lines[0].Split(',');
            string[] Row(string section, string feed) => lines.Select(l => l.Split(',')).First(c => c[0] == section && c[Array.IndexOf(header, "feed_id")] == feed);
            string Cell(string[] row, string column) => row[Array.IndexOf(header, column)];
            var rejection = Row("rejections", Schools);
            Assert.Equal(("/data/teachers", "must be ≥ 0 <b>&</b>", "5"), (Cell(rejection, "pointer"), Cell(rejection, "reason"), Cell(rejection, "count")));
            var complete = Row("completeness", Schools);
            Assert.Equal(("P1D", "6", "4", "1", "1", "Muộn", "Late"), (Cell(complete, "cadence"), Cell(complete, "periods_expected"), Cell(complete, "on_time"),
                Cell(complete, "late"), Cell(complete, "missing"), Cell(complete, "state"), Cell(complete, "state_en")));
        }

        foreach (var path in new[] { "/api/reports/weekly-SGDDT-20261119/report.pdf", "/api/reports/weekly-SGDDT-20251119/report.html", "/api/reports/not-a-report/report.html" })
        {
            using var missing = await reader.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        }

        // Without a token: 401, for the list and for a file.
        using var anonymous = hub.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/reports/weekly-SGDDT-20261119/report.html")).StatusCode);

        // Both kinds of read are in the audit trail, with what was asked.
        var audit = new AuditStore(fixture.Stack.StorageConnectionString, prefix: hub.ContainerPrefix);
        var records = await ReportRecordsAsync(audit, count: 7);
        var lists = records.Where(r => (string)r["kind"]! == AuditEntry.ReportList).ToList();
        Assert.Equal(2, lists.Count); // the two bad queries are refused before anything is read
        Assert.Equal((3 * scopes.Count, 2), ((int)lists[0]["details"]!["rows"]!, (int)lists[1]["details"]!["rows"]!));
        Assert.Equal("SGDDT", (string?)lists[1]["details"]!["scope"]!["scope"]);
        var reads = records.Where(r => (string)r["kind"]! == AuditEntry.ReportRead).ToList();
        Assert.Equal([1, 1, 0, 0, 0], reads.Select(r => (int)r["details"]!["rows"]!));
        Assert.Equal("report.csv", (string?)reads[1]["details"]!["scope"]!["file"]);
        Assert.All(records, r => Assert.Null((string?)r["feed"]));
    }

    private static ReportGenerator GeneratorAt(RunningHub hub, TimeProvider clock)
    {
        var services = hub.App.Services;
        return new ReportGenerator(services.GetRequiredService<FeedCatalogue>(), services.GetRequiredService<ReportDataReader>(),
            new ReportBuilder(services.GetServices<IReportSection>(), services.GetRequiredService<ValidationOptions>(), clock),
            services.GetRequiredService<IReportStore>(), services.GetRequiredService<ReportOptions>(), services.GetRequiredService<ProvinceTime>(), clock);
    }

    private static EventResult[] Rejected(int count, string pointer, string message) =>
        Enumerable.Range(0, count).Select(i => new EventResult(i, null, EventResult.Rejected, [new ValidationError(pointer, message)])).ToArray();

    private static async Task AssertBadQueryAsync(HttpClient client, string path, string parameter)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(parameter, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    /// <summary>The trail's report records, once <paramref name="count"/> of them are written (reads are buffered).</summary>
    private static async Task<List<JsonObject>> ReportRecordsAsync(AuditStore store, int count)
    {
        List<JsonObject> records = [];
        for (var i = 0; i < 100 && records.Count < count; i++)
        {
            records = (await store.LinesAsync()).Select(l => JsonNode.Parse(l)!.AsObject())
                .Where(r => ((string)r["kind"]!).StartsWith("report.", StringComparison.Ordinal)).ToList();
            if (records.Count < count)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(count, records.Count);
        return records;
    }
}
