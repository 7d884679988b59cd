using System.Text.Json.Nodes;
using Amqp;
using IntegrationHub.Core.Ioc;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>Feed status counts, the freshness monitor's alerts on the broker, and indicators, against the real stack.</summary>
[Collection(StackCollection.Name)]
public sealed class FeedStatusAndIndicatorTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string AlertsQueue = "/amq/queue/lgsp.hub.alerts.v1.ioc";
    private RunningHub _hub = null!;

    public async Task InitializeAsync() =>
        _hub = await RunningHub.StartAsync(fixture.Stack, $"--Hub:Ioc:CadenceOverrides:{Land}=PT2S");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Feed_status_counts_accepted_rejected_and_duplicate_records_with_reasons()
    {
        var valid = Samples.Valid(Schools);
        var invalid = JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "contracts", Schools, "samples", "invalid", "present-exceeds-enrolled.json")))!.AsObject();
        var batch = valid.Append(invalid).Append((JsonObject)valid[0].DeepClone()).ToArray(); // one invalid, one repeat
        using (var response = await _hub.PostAsync(Schools, Samples.Batch(batch), "application/cloudevents-batch+json"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        using (await _hub.PostAsync(Schools, valid[1].ToJsonString()))
        {
            // the same event again, in its own request: a duplicate
        }

        await IocApi.WaitForStatusAsync(_hub, Schools, f => (int)f["today"]!["duplicates"]! >= 2 && (int)f["today"]!["accepted"]! >= valid.Count);
        var status = await IocApi.GetAsync(_hub, "/api/feeds/status");
        var schools = status["feeds"]!.AsArray().Single(f => (string?)f!["feedId"] == Schools)!;

        Assert.Equal(valid.Count, (int)schools["today"]!["accepted"]!);
        Assert.Equal(1, (int)schools["today"]!["rejected"]!);
        Assert.Equal(2, (int)schools["today"]!["duplicates"]!);
        Assert.Equal((int)schools["today"]!["accepted"]!, (int)schools["last24Hours"]!["accepted"]!);
        Assert.Equal("/data/studentsPresent", (string?)schools["topRejections"]![0]!["pointer"]);
        Assert.Equal("fresh", (string?)schools["state"]);
        Assert.Equal("P1D", (string?)schools["cadence"]);
        Assert.True(schools["lastEventAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Equal("silent", (string?)status["feeds"]!.AsArray().Single(f => (string?)f!["feedId"] == Health)!["state"]);
    }

    [Fact]
    public async Task A_feed_past_its_cadence_goes_late_and_its_alert_arrives_on_the_ioc_subscription()
    {
        await using var amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
        await IocApi.PostAcceptedAsync(_hub, Land, Parcel("04795", 9, 9, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Contains("changed 0", await IocApi.RunFreshnessMonitorAsync(_hub), StringComparison.Ordinal); // first observation: fresh

        await Task.Delay(TimeSpan.FromSeconds(3.3)); // cadence PT2S: late after 3 s, silent after 6 s
        var run = await IocApi.RunFreshnessMonitorAsync(_hub);
        var status = await IocApi.GetAsync(_hub, "/api/feeds/status");
        var land = status["feeds"]!.AsArray().Single(f => (string?)f!["feedId"] == Land)!;
        var lastEventAt = land["lastEventAt"]!.GetValue<DateTimeOffset>();

        Assert.Contains("alerts 1", run, StringComparison.Ordinal);
        Assert.Equal("late", (string?)land["state"]);
        var expectedId = FeedStateAlert.ToMessage("25", Land, "fresh", "late", lastEventAt, "PT2S", DateTimeOffset.UtcNow).Properties.MessageId;
        var receiver = amqp.OpenReceiver(AlertsQueue);
        var message = await AmqpTestClient.ReceiveByIdAsync(receiver, expectedId, TimeSpan.FromSeconds(10));
        Assert.NotNull(message);
        receiver.Accept(message);
        Assert.Equal(FeedStateAlert.Type, message.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal("urn:lgsp:25:hub", message.ApplicationProperties["cloudEvents:source"]);
        Assert.Equal(Land, message.ApplicationProperties["cloudEvents:subject"]);
        var data = JsonNode.Parse(AmqpTestClient.BodyText(message))!;
        Assert.Equal(("fresh", "late"), ((string?)data["previous"], (string?)data["current"]));
        Assert.Equal(lastEventAt, data["lastEventAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Indicators_are_computed_from_the_events_posted_with_commune_breakdowns()
    {
        var now = DateTimeOffset.UtcNow;
        await IocApi.PostAcceptedAsync(_hub, Dossiers,
            Dossier("H25-IND-0001", "04795", "ONLINE_PARTIAL", true, now.AddDays(-1)),
            Dossier("H25-IND-0002", "04795", "IN_PERSON", false, now.AddDays(-1)),
            Dossier("H25-IND-0003", null, "ONLINE_FULL", true, now.AddDays(-2)),
            Dossier("H25-IND-0004", "04924", "IN_PERSON", null, now.AddDays(-3)),
            Dossier("H25-IND-0005", "04924", "POSTAL", false, now.AddDays(-40))); // received before the 30-day window
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("17001", "04795", 200, 190, now.AddHours(-2)), Facility("17002", "05200", 100, 50, now.AddHours(-2)));
        await IocApi.PostAcceptedAsync(_hub, Schools, School("25010001", "04795", 500, 450, now.AddHours(-2)));

        var report = await IocApi.GetAsync(_hub, "/api/indicators");
        JsonNode Indicator(string id) => report["indicators"]!.AsArray().Single(i => (string?)i!["id"] == id)!;

        Assert.Equal(24, report["indicators"]!.AsArray().Count);
        Assert.Equal((2, 4, 50.0), ((int)Indicator("I-05")["numerator"]!, (int)Indicator("I-05")["denominator"]!, (double)Indicator("I-05")["value"]!));
        Assert.Equal((85.0, 2030), ((double)Indicator("I-05")["target"]!, (int)Indicator("I-05")["targetYear"]!));
        Assert.Equal((2, 3), ((int)Indicator("I-07")["numerator"]!, (int)Indicator("I-07")["denominator"]!));
        var hoaBinh = Indicator("I-05")["breakdowns"]!["commune"]!.AsArray().Single(r => (string?)r!["key"] == "04795")!;
        Assert.Equal(("Phường Hoà Bình", 1, 2), ((string?)hoaBinh["name"]!["vi"], (int)hoaBinh["numerator"]!, (int)hoaBinh["denominator"]!));
        Assert.Equal((240, 300, 80.0), ((int)Indicator("I-12")["numerator"]!, (int)Indicator("I-12")["denominator"]!, (double)Indicator("I-12")["value"]!));
        Assert.Equal(2, Indicator("I-12")["breakdowns"]!["commune"]!.AsArray().Count);
        Assert.Equal(90.0, (double)Indicator("I-14")["value"]!);
        Assert.Equal(3, (int)Indicator("I-01")["numerator"]!); // three feeds sent in the last 30 days, land did not
        Assert.Equal(10, (int)Indicator("I-01")["denominator"]!); // the ten feeds of the catalogue
    }
}
