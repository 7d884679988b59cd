using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>The 24 indicators over the real stack: every feed's valid samples ingested, then the list and one indicator by breakdown and instant.</summary>
[Collection(StackCollection.Name)]
public sealed class IndicatorApiTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Statuses = ["computed", "proxy", "unavailable"];
    private static readonly string[] TargetStatuses = ["met", "notMet", "noTarget", "unavailable"];
    private RunningHub _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(fixture.Stack);
        foreach (var feed in Directory.GetDirectories(Path.Combine(Samples.Root, "contracts")).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(Samples.Root, "contracts", feed!, "feed.json")))
            {
                await IocApi.PostAcceptedAsync(_hub, feed!, Samples.Valid(feed!).ToArray());
            }
        }
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_list_has_all_24_indicators_with_status_target_status_and_freshness()
    {
        var report = await IocApi.GetAsync(_hub, "/api/indicators");
        var indicators = report["indicators"]!.AsArray().Select(i => i!).ToArray();
        JsonNode Indicator(string id) => indicators.Single(i => (string?)i["id"] == id);

        Assert.Equal(Enumerable.Range(1, 24).Select(n => $"I-{n:00}"), indicators.Select(i => (string)i["id"]!));
        Assert.All(indicators, i =>
        {
            Assert.Contains((string)i["status"]!, Statuses);
            Assert.Contains((string)i["targetStatus"]!, TargetStatuses);
            Assert.NotEmpty(i["freshness"]!["computedFrom"]!.AsArray());
            Assert.True(i["status"]!.GetValue<string>() != "unavailable" || i["value"] is null, $"{i["id"]} is unavailable with a value");
        });
        Assert.Equal(10, (int)Indicator("I-01")["numerator"]!); // every feed sent its samples
        Assert.Equal(10, (int)Indicator("I-01")["denominator"]!);
        Assert.Equal("unavailable", (string?)Indicator("I-02")["status"]); // no NDXP deliveries are recorded
        Assert.NotNull(Indicator("I-02")["unavailableReason"]!["vi"]);
        Assert.Equal("proxy", (string?)Indicator("I-06")["status"]);
        Assert.NotNull(Indicator("I-06")["proxyNote"]!["en"]);
        Assert.True((int)Indicator("I-15")["denominator"]! > 0); // parcels are counted whatever their date
        Assert.True((int)Indicator("I-22")["denominator"]! > 0);
        var communes = Indicator("I-24");
        Assert.Equal(148, (int)communes["denominator"]!);
        Assert.True((int)communes["numerator"]! >= 1, "the samples' communes reported just now");
        Assert.Equal("P7D", (string?)communes["period"]);
        Assert.True((double)communes["freshness"]!["ageSeconds"]! < 600);
        Assert.Equal(3, Indicator("I-05")["targets"]!.AsArray().Count);
        Assert.Equal("unavailable", (string?)Indicator("I-12")["secondary"]!.AsArray().Single(s => (string?)s!["key"] == "ehrPerPopulation")!["status"]);
    }

    [Fact]
    public async Task One_indicator_by_commune_at_today_and_the_refusals_of_its_parameters()
    {
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var communes = await IocApi.GetAsync(_hub, $"/api/indicators/I-24?by=commune&at={today}");

        Assert.Equal("I-24", (string?)communes["id"]);
        Assert.Equal(["commune"], communes["breakdowns"]!.AsObject().Select(b => b.Key));
        Assert.Equal(148, communes["breakdowns"]!["commune"]!.AsArray().Count);
        Assert.Contains(communes["breakdowns"]!["commune"]!.AsArray(), r => (string?)r!["state"] == "reporting");

        using var client = _hub.ReaderClient();
        await AssertProblemAsync(client, "/api/indicators/I-99", HttpStatusCode.NotFound, "unknown-indicator", null);
        await AssertProblemAsync(client, "/api/indicators/I-05?by=school", HttpStatusCode.BadRequest, "bad-query", "by");
        await AssertProblemAsync(client, "/api/indicators/I-05?at=yesterday", HttpStatusCode.BadRequest, "bad-query", "at");
        await AssertProblemAsync(client, $"/api/indicators/I-05?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(2).ToString("O"))}", HttpStatusCode.BadRequest, "bad-query", "at");

        // A past date is answered from history through the as-of path, as recorded at the end of that day (province
        // time): this hub's dossiers all arrived today, so yesterday there were none, and no made-up number.
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var past = await IocApi.GetAsync(_hub, $"/api/indicators/I-05?at={yesterday}");
        Assert.Equal((0L, 0L), ((long)past["numerator"]!, (long)past["denominator"]!));
        Assert.Null(past["value"]);
        var current = await IocApi.GetAsync(_hub, $"/api/indicators/I-05?at={today}");
        Assert.True((long)current["denominator"]! > 0);
    }

    [Fact]
    public async Task The_single_indicator_endpoint_needs_the_reader_role()
    {
        using var anonymous = _hub.Client();
        using var response = await anonymous.GetAsync("/api/indicators/I-01");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task AssertProblemAsync(HttpClient client, string path, HttpStatusCode status, string slug, string? parameter)
    {
        using var response = await client.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == status, $"{path}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("urn:lgsp:problem:" + slug, (string?)body["type"]);
        Assert.Equal(parameter, (string?)body["parameter"]);
    }
}
