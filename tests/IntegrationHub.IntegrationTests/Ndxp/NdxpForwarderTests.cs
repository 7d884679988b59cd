using System.Text.Json.Nodes;
using Amqp;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Ndxp;
using IntegrationHub.IntegrationTests.Faults;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Ndxp;

/// <summary>
/// The NDXP forwarder end to end: events accepted by the real hub, published to RabbitMQ (AMQP 1.0), drained from the
/// <c>ndxp</c> subscription in peek-lock and POSTed over real HTTP to the real <c>dev/ndxp-sink</c>, delivery records in
/// Azurite. "Exactly once" is judged by the sink's record per idempotency key.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class NdxpForwarderTests(SharedStackFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Feed = FeedEvents.Land;
    private static readonly string Topic = FeedEvents.Topic(Feed);
    private NdxpSinkProcess? _sink;
    private RunningHub? _hub;

    private NdxpSinkProcess Sink => _sink!;
    private RunningHub HubUnderTest => _hub!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }

    [Fact]
    public async Task Events_arrive_exactly_once_across_500_and_429_outages()
    {
        await StartAsync(maxDeliveries: 10);
        await Sink.FailAsync(500, 3);
        var events = await PublishAsync(30);
        var keys = events.Select(FeedEvents.KeyHash).ToList();

        var retried = 0;
        for (var i = 0; i < 20 && retried == 0; i++)
        {
            retried = (await ForwarderRunAsync()).Retrying;
        }

        Assert.True(retried >= 1, "a 500 leaves the message to retry");
        await Sink.FailAsync(429, 2, retryAfterSeconds: 1);
        var runs = await ForwardUntilAsync(keys, 60);
        Assert.True(runs >= 1, "the 429 streak met events still to deliver");

        var received = await Sink.ReceivedKeysAsync(keys);
        Assert.Equal(keys.Order(StringComparer.Ordinal), received.Keys.Order(StringComparer.Ordinal));
        Assert.All(received.Values, r => Assert.Equal(1, r.Count));
        Assert.Equal(events.Select(e => (string)e["id"]!).Order(StringComparer.Ordinal), received.Values.Select(r => r.EventId).Order(StringComparer.Ordinal));
        var report = await Sink.ReceivedAsync();
        output.WriteLine($"30 events, {runs} runs after the 429 streak was set; sink: {report["posts"]} POSTs, {report["refused"]} refused (500/429), duplicates {report["duplicates"]}");

        var log = HubUnderTest.App.Services.GetRequiredService<INdxpDeliveryLog>();
        var delivery = await log.FindAsync(Feed, keys[0], CancellationToken.None);
        Assert.Equal(NdxpDeliveryStatus.Delivered, delivery!.Status);
        Assert.NotNull(delivery.LatencyMs);
        var summary = (await log.SummariesAsync([Feed], DateTimeOffset.UtcNow, CancellationToken.None))[Feed];
        Assert.True(summary.Delivered30Days >= 30);
        Assert.NotNull(summary.LastDeliveredAt);

        using var reader = HubUnderTest.ReaderClient();
        var status = JsonNode.Parse(await reader.GetStringAsync("/api/feeds/status"))!;
        var feeds = status["feeds"]!.AsArray();
        var land = feeds.First(f => (string)f!["feedId"]! == Feed)!;
        Assert.True((long)land["ndxp"]!["delivered30Days"]! >= 30);
        Assert.Null(feeds.First(f => (string)f!["feedId"]! == FeedEvents.Edu)!["ndxp"]);

        var indicators = JsonNode.Parse(await reader.GetStringAsync("/api/indicators"))!["indicators"]!.AsArray();
        var i02 = indicators.First(i => (string)i!["id"]! == "I-02")!;
        var landRow = i02["breakdowns"]!["feed"]!.AsArray().First(r => (string)r!["key"]! == Feed)!;
        Assert.Equal(1, (long)landRow["numerator"]!);
        Assert.True((long)i02["numerator"]! >= 1);
        Assert.Equal("computed", (string?)i02["status"]);
        // ÷ the datasets flagged for national publication: one breakdown row each, every one of them counted.
        Assert.Equal(i02["breakdowns"]!["feed"]!.AsArray().Count, (long)i02["denominator"]!);
        Assert.Equal(IntegrationHub.Core.Contracts.FeedCatalogue.Load(Path.Combine(Samples.Root, "contracts")).Feeds.Count(f => f.PublishToNdxp), (long)i02["denominator"]!);
        output.WriteLine($"I-02 = {i02["value"]} ({i02["numerator"]}/{i02["denominator"]})");
    }

    [Fact]
    public async Task A_connector_crash_mid_batch_is_resumed_by_a_new_instance_without_loss_or_foreign_duplicates()
    {
        await StartAsync(maxDeliveries: 10);
        var events = await PublishAsync(12);
        var keys = events.Select(FeedEvents.KeyHash).ToList();
        await Sink.SlowAsync(2000, 4);

        var forwarder = HubUnderTest.App.Services.GetRequiredService<NdxpForwarder>();
        var crashed = false;
        for (var attempt = 0; attempt < 20 && !crashed; attempt++)
        {
            using var crash = new CancellationTokenSource();
            var run = forwarder.RunOnceAsync(crash.Token);
            while (!run.IsCompleted && (long)(await Sink.ReceivedAsync())["posts"]! == 0)
            {
                await Task.Delay(50);
            }

            if (run.IsCompleted)
            {
                await run; // the events were not in the subscription yet
                continue;
            }

            crash.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
            crashed = true;
        }

        Assert.True(crashed, "the run was cancelled while POSTs were in flight");
        var resumed = ActivatorUtilities.CreateInstance<NdxpForwarder>(HubUnderTest.App.Services);
        for (var i = 0; i < 30 && (await Sink.ReceivedKeysAsync(keys)).Count < keys.Count; i++)
        {
            await resumed.RunOnceAsync(CancellationToken.None);
        }

        var received = await Sink.ReceivedKeysAsync(keys);
        Assert.Equal(keys.Count, received.Count);
        var byEvent = received.Values.GroupBy(r => r.EventId).ToList();
        Assert.Equal(keys.Count, byEvent.Count);
        Assert.All(byEvent, g => Assert.Single(g));
        var report = await Sink.ReceivedAsync();
        output.WriteLine($"12 events, crash after the first POST; sink: {report["posts"]} POSTs, duplicates by the same key {report["duplicates"]}");
    }

    [Fact]
    public async Task A_permanent_400_dead_letters_the_message_with_its_reason()
    {
        await StartAsync(maxDeliveries: 10);
        var events = await PublishAsync(1);
        var key = FeedEvents.KeyHash(events[0]);
        await Sink.FailAsync(400, 1);

        var deadLettered = 0;
        for (var i = 0; i < 20 && deadLettered == 0; i++)
        {
            deadLettered = (await ForwarderRunAsync()).DeadLettered;
        }

        Assert.Equal(1, deadLettered);
        var item = await DeadLetteredAsync(key);
        Assert.Equal(NdxpSettlement.PermanentFailure, item.DeadLetterReason);
        var delivery = await HubUnderTest.App.Services.GetRequiredService<INdxpDeliveryLog>().FindAsync(Feed, key, CancellationToken.None);
        Assert.Equal(NdxpDeliveryStatus.DeadLettered, delivery!.Status);
        Assert.Equal("HTTP 400", delivery.LastResult);
        Assert.Empty(await Sink.ReceivedKeysAsync([key]));
    }

    [Fact]
    public async Task A_message_failing_on_every_delivery_is_dead_lettered_after_the_maximum_deliveries()
    {
        await StartAsync(maxDeliveries: 3);
        var events = await PublishAsync(1);
        var key = FeedEvents.KeyHash(events[0]);
        await Sink.FailAsync(503, 1000);

        var log = HubUnderTest.App.Services.GetRequiredService<INdxpDeliveryLog>();
        for (var i = 0; i < 40 && (await log.FindAsync(Feed, key, CancellationToken.None))?.Status != NdxpDeliveryStatus.DeadLettered; i++)
        {
            await ForwarderRunAsync();
            await Task.Delay(300);
        }

        var delivery = await log.FindAsync(Feed, key, CancellationToken.None);
        Assert.Equal(NdxpDeliveryStatus.DeadLettered, delivery!.Status);
        Assert.Equal(3, delivery.Attempts);
        Assert.Equal(NdxpSettlement.MaxDeliveryCountExceeded, delivery.Reason);
        Assert.Equal(NdxpSettlement.MaxDeliveryCountExceeded, (await DeadLetteredAsync(key)).DeadLetterReason);
    }

    [Fact]
    public async Task A_401_fetches_one_new_token_and_the_event_is_delivered()
    {
        await StartAsync(maxDeliveries: 10);
        var first = await PublishAsync(1);
        await ForwardUntilAsync([FeedEvents.KeyHash(first[0])], 10);
        var before = await Sink.ReceivedAsync();
        await Sink.RevokeTokensAsync();

        var events = await PublishAsync(3);
        var keys = events.Select(FeedEvents.KeyHash).ToList();
        await ForwardUntilAsync(keys, 10);

        var after = await Sink.ReceivedAsync();
        Assert.Equal(keys.Count, (await Sink.ReceivedKeysAsync(keys)).Count);
        Assert.Equal((long)before["tokensIssued"]! + 1, (long)after["tokensIssued"]!);
        Assert.True((long)after["unauthorized"]! >= 1);
    }

    [Fact]
    public async Task RabbitMQ_reports_a_released_message_as_not_first_acquired_and_the_forwarder_counts_deliveries_itself()
    {
        await using var amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
        var address = $"/amq/queue/{TestTopology.PublicServiceV2}.ndxp";
        await amqp.DrainAsync(address);
        var id = Guid.NewGuid().ToString("N");
        var sent = AmqpTestClient.NewMessage("subject-1", "{}");
        sent.Properties.MessageId = id;
        await amqp.SendAsync(address, sent);

        var receiver = amqp.OpenReceiver(address);
        var firstDelivery = await AmqpTestClient.ReceiveByIdAsync(receiver, id, TimeSpan.FromSeconds(10));
        Assert.NotNull(firstDelivery);
        var firstCount = AmqpNdxpSubscriptions.BrokerDeliveryCount(firstDelivery);
        receiver.Release(firstDelivery);
        var second = await AmqpTestClient.ReceiveByIdAsync(receiver, id, TimeSpan.FromSeconds(10));
        Assert.NotNull(second);
        output.WriteLine($"first: delivery-count {firstDelivery.Header?.DeliveryCount}, first-acquirer {firstDelivery.Header?.FirstAcquirer}; "
            + $"after release: delivery-count {second.Header?.DeliveryCount}, first-acquirer {second.Header?.FirstAcquirer}");
        receiver.Accept(second);
        await receiver.CloseAsync();

        Assert.Equal(1, firstCount);
        Assert.False(second.Header?.FirstAcquirer ?? true);
        Assert.True(AmqpNdxpSubscriptions.BrokerDeliveryCount(second) is null or >= 2);
    }

    private async Task StartAsync(int maxDeliveries)
    {
        _sink = await NdxpSinkProcess.StartAsync();
        _hub = await RunningHub.StartAsync(fixture.Stack,
        [
            .. Sink.HubSettings(),
            $"--Hub:Ndxp:MaxDeliveries={maxDeliveries}",
            "--Hub:Ndxp:BackoffBase=00:00:01",
            "--Hub:Ndxp:BackoffMax=00:00:02",
            "--Hub:Ndxp:RunBudget=00:00:06",
            "--Hub:Ndxp:RequestTimeout=00:00:04",
        ]);

        // Earlier tests of the stack may have left messages in the ndxp subscriptions; this test judges its own ids only,
        // but empty queues keep the runs short and the sink's faults for this test's events.
        await using var amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
        foreach (var topic in new[] { Topic, TestTopology.PublicService, TestTopology.PublicServiceV2 })
        {
            await amqp.DrainAsync($"/amq/queue/{topic}.ndxp");
        }
    }

    /// <summary>Posts <paramref name="count"/> new land records to the hub, which publishes them to the topic at once.</summary>
    private async Task<IReadOnlyList<JsonObject>> PublishAsync(int count)
    {
        var random = new Random();
        var events = Enumerable.Range(0, count).Select(_ => FeedEvents.New(Feed, random)).ToList();
        using var response = await HubUnderTest.PostAsync(Feed, Samples.Batch(events), "application/cloudevents-batch+json");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return events;
    }

    private Task<NdxpRunReport> ForwarderRunAsync() =>
        HubUnderTest.App.Services.GetRequiredService<NdxpForwarder>().RunOnceAsync(CancellationToken.None);

    /// <summary>Runs the forwarder (pausing between runs for the feed's backoff) until the sink has every key; returns the runs.</summary>
    private async Task<int> ForwardUntilAsync(IReadOnlyCollection<string> keys, int maxRuns)
    {
        var runs = 0;
        while (runs < maxRuns && (await Sink.ReceivedKeysAsync(keys)).Count < keys.Count)
        {
            await ForwarderRunAsync();
            runs++;
            await Task.Delay(250);
        }

        return runs;
    }

    private async Task<DeadLettersItem> DeadLetteredAsync(string messageId)
    {
        var items = await HubUnderTest.App.Services.GetRequiredService<DeadLetters>().ListAsync(Topic, "ndxp", 1000, CancellationToken.None);
        return Assert.Single(items, i => i.MessageId == messageId);
    }
}
