using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.IntegrationTests.Hub;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>RabbitMQ stopped under a running hub: ingest goes on, health says so, and the relay catches up once it returns.</summary>
[Collection(FaultCollection.Name)]
public sealed class BrokerDownTests(FaultStackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task With_the_broker_stopped_ingest_accepts_and_when_it_returns_every_event_is_published_once_per_subscription_without_a_restart()
    {
        var stack = fixture.Stack;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<string>();
        void Phase(string name) => phases.Add($"{name} {clock.Elapsed.TotalSeconds:0.0} s");
        await using var hub = await RunningHub.StartAsync(stack, FaultSettings.TimersOn);
        using var client = hub.AdminClient();

        // The hub holds an open broker connection when the broker goes away, as in production.
        var warmUp = FeedEvents.New(FeedEvents.Edu, Random.Shared);
        using (var response = await hub.PostAsync(FeedEvents.Edu, warmUp.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await QueueTally.CollectAsync(stack.AmqpUrl, $"/amq/queue/{FeedEvents.Topic(FeedEvents.Edu)}.ioc",
            new HashSet<string> { FeedEvents.KeyHash(warmUp) }, TimeSpan.FromSeconds(10), TimeSpan.Zero);

        Phase("hub up");
        await stack.StopRabbitMqAsync();
        Phase("RabbitMQ stopped");
        var sent = new List<(string Feed, JsonObject Event)>();
        var acknowledged = 0;
        try
        {
            foreach (var feed in FeedEvents.Feeds)
            {
                var batch = Enumerable.Range(0, 5).Select(_ => FeedEvents.New(feed, Random.Shared)).ToList();
                sent.AddRange(batch.Select(e => (feed, e)));
                using var response = await hub.PostAsync(feed, Samples.Batch(batch), "application/cloudevents-batch+json");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
                acknowledged += (int)JsonNode.Parse(text)!["accepted"]!;
            }

            Assert.Equal(sent.Count, acknowledged);
            var degraded = await HubHealthProbe.WaitAsync(client, h => h.Outbox == "stale", TimeSpan.FromSeconds(15));
            Assert.Equal((200, "degraded", "up", "down", "stale"), (degraded.HttpStatus, degraded.Status, degraded.Storage, degraded.Broker, degraded.Outbox));
            Assert.True(degraded.OutboxPending >= sent.Count, $"outboxPending {degraded.OutboxPending}");
            var gauges = HubGauges.Read(hub.App.Services);
            Assert.True(gauges["hub.outbox.pending"] >= sent.Count, $"hub.outbox.pending {gauges["hub.outbox.pending"]}");
            Assert.True(gauges["hub.outbox.oldest_age"] > FaultSettings.DegradedAfter.TotalSeconds, $"hub.outbox.oldest_age {gauges["hub.outbox.oldest_age"]}");
        }
        finally
        {
            Phase("degraded seen");
            await stack.StartRabbitMqAsync();
            Phase("RabbitMQ started");
        }

        // The relay (in-process timer, every 30 s) publishes the backlog; nobody restarts or pokes the hub.
        var healthy = await HubHealthProbe.WaitAsync(client, h => h.OutboxPending == 0 && h.Status == "healthy", TimeSpan.FromSeconds(50));
        Assert.Equal(("healthy", 0), (healthy.Status, healthy.OutboxPending));
        Phase("outbox drained");

        var published = 0;
        var duplicates = 0;
        foreach (var feed in FeedEvents.Feeds)
        {
            var ids = sent.Where(s => s.Feed == feed).Select(s => FeedEvents.KeyHash(s.Event)).ToHashSet();
            foreach (var subscription in FeedEvents.Subscriptions(feed))
            {
                var tally = await QueueTally.CollectAsync(stack.AmqpUrl, $"/amq/queue/{FeedEvents.Topic(feed)}.{subscription}", ids,
                    TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(1));
                Assert.Equal(ids.Order(), tally.Counts.Keys.Order());
                Assert.All(tally.Counts, c => Assert.True(c.Value == 1, $"{c.Key} arrived {c.Value} times on {tally.Address}"));
                published += subscription == "ioc" ? tally.Counts.Count : 0;
                duplicates += tally.Duplicates;
            }
        }

        var stored = await CountHistoryRowsAsync(stack.StorageConnectionString, hub.TablePrefix, sent);
        Assert.Equal(sent.Count, stored);
        output.WriteLine(string.Join(", ", phases));
        output.WriteLine($"broker down: sent {sent.Count}, acknowledged {acknowledged}, stored {stored}, published {published} (ioc), duplicates {duplicates}");
    }

    internal static async Task<int> CountHistoryRowsAsync(string connectionString, string tablePrefix, IEnumerable<(string Feed, JsonObject Event)> events)
    {
        var table = new TableClient(connectionString, tablePrefix + "Entities");
        var count = 0;
        foreach (var (feed, evt) in events)
        {
            var (partition, rowKey) = FeedEvents.HistoryRow(feed, evt);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey);
            count += row.HasValue ? 1 : 0;
        }

        return count;
    }
}
