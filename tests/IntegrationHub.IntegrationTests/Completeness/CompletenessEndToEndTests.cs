using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Contracts;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.IntegrationTests.Ioc;
using Microsoft.Extensions.Time.Testing;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Completeness;

/// <summary>
/// Data completeness through the real hub on Kestrel against Azurite and RabbitMQ: records posted over HTTP are recorded
/// as first arrivals per reporting period; GET /api/completeness and feed status judge them on the hub's clock; the monitor,
/// built from the hub's services on a controlled clock days later, finds the sender silent and alerts on the broker.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class CompletenessEndToEndTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string AlertsQueue = "/amq/queue/lgsp.hub.alerts.v1.ioc";
    private static readonly TimeSpan Province = TimeSpan.FromHours(7);
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack, "--Hub:Ioc:Completeness:CacheDuration=00:00:00");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private static JsonNode FeedOf(JsonNode report, string feedId) => report["feeds"]!.AsArray().Single(f => (string?)f!["feedId"] == feedId)!;

    [Fact]
    public async Task On_time_late_missing_and_silent_from_real_ingest_with_the_alert_on_the_broker()
    {
        var now = DateTimeOffset.UtcNow;
        var today = new DateTimeOffset(now.ToOffset(Province).Date, Province);
        var clock = new FakeTimeProvider(now);
        var completeness = ActivatorUtilities.CreateInstance<CompletenessService>(_hub.App.Services, clock);
        var monitor = ActivatorUtilities.CreateInstance<CompletenessMonitor>(_hub.App.Services, completeness, clock);
        await monitor.RunOnceAsync(CancellationToken.None); // tracking begins now; every sender judged once, no alert

        // Five days ago's figures arrive today (after that day's deadline: late); today's arrive today (on time).
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("25101", "04795", 10, 1, today.AddDays(-5).AddHours(10)));
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("25102", "05200", 20, 2, now.AddMinutes(-1)));
        var health = await WaitForCountedAsync(Health, 2);

        var summary = health["summary"]!;
        Assert.Equal(("onTime", 2, 1, 1, 0), ((string?)summary["state"], (int)summary["periodsExpected"]!, (int)summary["onTime"]!, (int)summary["late"]!, (int)summary["missing"]!));
        Assert.Equal(["late", "onTime"], health["periods"]!.AsArray().Select(p => (string)p!["status"]!));
        Assert.Equal(today.AddDays(-5), health["periods"]![0]!["start"]!.GetValue<DateTimeOffset>());
        Assert.Equal(today.AddDays(-4).AddHours(12), health["periods"]![0]!["deadline"]!.GetValue<DateTimeOffset>()); // end + half a day
        // The facility whose latest figures are five days old has stopped reporting (more than 3 days and the grace).
        Assert.Equal(("P1D", "each-period", 2, 1), ((string?)health["cadence"], (string?)health["reporting"], (int)summary["entities"]!, (int)summary["silentEntities"]!));
        Assert.Equal("04795", (string?)Assert.Single(health["silentByCommune"]!.AsArray())!["commune"]);
        var sender = Assert.Single(health["senders"]!.AsArray())!;
        Assert.Equal(FeedCatalogue.Load(Path.Combine(Samples.Root, "contracts")).Find(Health)!.Sources[0], (string?)sender["source"]);
        Assert.Equal("onTime", (string?)sender["summary"]!["state"]);

        // Feed status carries the same summary; a feed of on-change events has no entity counts.
        var status = await IocApi.GetAsync(_hub, "/api/feeds/status");
        Assert.Equal("onTime", (string?)FeedOf(status, Health)["completeness"]!["state"]);
        var land = FeedOf(await IocApi.GetAsync(_hub, "/api/completeness?feed=" + Land), "land.parcel-record");
        Assert.Equal("on-change", (string?)land["reporting"]);
        Assert.Null(land["summary"]!["silentEntities"]);
        Assert.Empty(land["silentByCommune"]!.AsArray());

        // Four days on at 13:00: the next three days are due and missing, so the sender is silent and both entities stopped.
        clock.SetUtcNow(today.AddDays(4).AddHours(13));
        var later = await completeness.GetAsync(CancellationToken.None);
        var judged = later.Feeds.Single(f => f.FeedId == Health);
        Assert.Equal((CompletenessState.Silent, 3, 5), (judged.Summary.State, judged.Summary.MissingStreak, judged.Summary.PeriodsExpected));
        Assert.Equal([PeriodStatus.Late, PeriodStatus.OnTime, PeriodStatus.Missing, PeriodStatus.Missing, PeriodStatus.Missing, PeriodStatus.Open],
            judged.Periods.Select(p => p.Status));
        Assert.Equal(2, judged.Summary.SilentEntities);
        Assert.Equal([("04795", 1), ("05200", 1)], judged.SilentByCommune.Select(c => (c.Commune, c.Entities)));
        Assert.Contains("Hoà Bình", judged.SilentByCommune[0].CommuneName, StringComparison.Ordinal);

        await using var amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
        var receiver = amqp.OpenReceiver(AlertsQueue);
        var run = await monitor.RunOnceAsync(CancellationToken.None);
        var healthSender = judged.Senders.Single();
        var expectedId = CompletenessAlert.ToMessage("25", Health, healthSender.Source, SenderAlertState.Ok, SenderAlertState.Silent, healthSender.Summary,
            healthSender.Periods.Last(p => p.Status != PeriodStatus.Open), judged.Cadence, clock.GetUtcNow()).Properties.MessageId;
        var alert = await AmqpTestClient.ReceiveByIdAsync(receiver, expectedId, TimeSpan.FromSeconds(10));

        Assert.NotNull(alert);
        receiver.Accept(alert);
        Assert.True(run.Alerts >= 1);
        Assert.Equal(CompletenessAlert.Type, alert.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal(Health, alert.Properties.Subject);
        var data = JsonNode.Parse(AmqpTestClient.BodyText(alert))!;
        Assert.Equal(("ok", "silent", healthSender.Source), ((string?)data["previous"], (string?)data["current"], (string?)data["source"]));
        Assert.Equal(0, (await monitor.RunOnceAsync(CancellationToken.None)).Changed); // judged again: nothing new
    }

    [Fact]
    public async Task The_endpoint_needs_a_reader_token_and_names_an_unknown_feed()
    {
        using var anonymous = _hub.Client();
        using var unauthenticated = await anonymous.GetAsync("/api/completeness");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        using var reader = _hub.ReaderClient();
        using var unknown = await reader.GetAsync("/api/completeness?feed=no.such-feed");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        var all = await IocApi.GetAsync(_hub, "/api/completeness");
        Assert.Equal(10, all["feeds"]!.AsArray().Count);
        Assert.Equal(30, (int)all["windowDays"]!);
    }

    /// <summary>First arrivals are written about once a second (CompletenessRecorder): polls until the feed counts <paramref name="periods"/>.</summary>
    private async Task<JsonNode> WaitForCountedAsync(string feedId, int periods)
    {
        JsonNode feed = null!;
        for (var poll = 0; poll < 50; poll++)
        {
            feed = FeedOf(await IocApi.GetAsync(_hub, "/api/completeness?feed=" + feedId), feedId);
            if ((int)feed["summary"]!["periodsExpected"]! >= periods)
            {
                return feed;
            }

            await Task.Delay(200);
        }

        return feed;
    }
}
