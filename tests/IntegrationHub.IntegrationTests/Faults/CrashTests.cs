using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Functions.Hosting.Identity;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>The hub killed with SIGKILL in the middle of a load, then started again: every acknowledged event is kept and published.</summary>
[Collection(FaultCollection.Name)]
public sealed class CrashTests(FaultStackFixture fixture, ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int BatchSize = 25;
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task After_a_kill_mid_load_and_a_restart_every_acknowledged_event_is_stored_and_reaches_its_topic()
    {
        var stack = fixture.Stack;
        var keyFolder = Path.Combine(Path.GetTempPath(), "hub-issuer-" + Guid.NewGuid().ToString("N")[..10]);
        DevelopmentIssuerKey.EnsureCreated(keyFolder);
        try
        {
            await using var hub = new HubProcess(stack, keyFolder, new Dictionary<string, string>
            {
                ["Hub__DisableTimers"] = "false",
                ["Hub__Relay__Grace"] = "00:00:02",
                ["Hub__Relay__InitialBackoff"] = "00:00:01",
            });
            await hub.StartAsync();
            using var client = new HubProcessClient(hub.BaseAddress, keyFolder);
            var (warmUp, _) = await client.PostBatchAsync(FeedEvents.Edu, [FeedEvents.New(FeedEvents.Edu, Random.Shared)], CancellationToken.None);
            Assert.True(warmUp == 202, $"warm-up answered {warmUp}. Log: {hub.LogFile}");

            // Several senders, each posting batches in a loop until the hub dies under them.
            var acknowledged = new ConcurrentDictionary<string, (string Feed, JsonObject Event)>(StringComparer.Ordinal);
            var unanswered = new ConcurrentBag<(string Feed, List<JsonObject> Events)>();
            var failures = new ConcurrentBag<string>();
            var sent = 0;
            var duplicatesAnswered = 0;
            using var stopSending = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
            {
                for (var round = 0; !stopSending.IsCancellationRequested; round++)
                {
                    var feed = FeedEvents.Feeds[(c + round) % FeedEvents.Feeds.Count];
                    var batch = Enumerable.Range(0, BatchSize).Select(_ => FeedEvents.New(feed, Random.Shared)).ToList();
                    Interlocked.Add(ref sent, batch.Count);
                    try
                    {
                        var (status, results) = await client.PostBatchAsync(feed, batch, CancellationToken.None);
                        Assert.True(status == 202, $"status {status} before the kill");
                        Record(feed, batch, results, acknowledged, ref duplicatesAnswered);
                    }
                    catch (HttpRequestException e)
                    {
                        failures.Add(e.Message);
                        unanswered.Add((feed, batch)); // killed under this request: its outcome is unknown to the sender
                        return;
                    }
                }
            })).ToList();

            await Task.Delay(LoadBeforeKill);
            var acknowledgedBeforeKill = acknowledged.Count;
            await hub.KillAsync();
            stopSending.Cancel();
            await Task.WhenAll(senders);
            Assert.True(acknowledgedBeforeKill > 0, $"nothing was acknowledged before the kill: {string.Join("; ", failures.Distinct())}");

            await hub.StartAsync();

            // A sender that got no answer sends the same batch again: at-least-once on the wire, exactly-once in the hub.
            foreach (var (feed, batch) in unanswered)
            {
                var (status, results) = await client.PostBatchAsync(feed, batch, CancellationToken.None);
                Assert.True(status == 202, $"status {status} on the resend after the restart");
                Record(feed, batch, results, acknowledged, ref duplicatesAnswered);
            }

            using var http = hub.AdminClient();
            var drained = await HubHealthProbe.WaitAsync(http, h => h.OutboxPending == 0, TimeSpan.FromSeconds(50));
            Assert.True(drained.OutboxPending == 0, $"{drained} after the restart. Log: {hub.LogFile}");

            // Reconcile by event id: the history row, and the message on the ioc queue of its topic.
            var entities = new TableClient(stack.StorageConnectionString, hub.TablePrefix + "Entities");
            var missingRows = new ConcurrentBag<string>();
            await Parallel.ForEachAsync(acknowledged.Values, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (item, token) =>
            {
                var (partition, rowKey) = FeedEvents.HistoryRow(item.Feed, item.Event);
                if (!(await entities.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, cancellationToken: token)).HasValue)
                {
                    missingRows.Add((string)item.Event["id"]!);
                }
            });

            var received = 0;
            var duplicates = 0;
            var missingMessages = new List<string>();
            foreach (var feed in FeedEvents.Feeds)
            {
                var ids = acknowledged.Where(a => a.Value.Feed == feed).Select(a => a.Key).ToHashSet();
                var tally = await QueueTally.CollectAsync(stack.AmqpUrl, $"/amq/queue/{FeedEvents.Topic(feed)}.ioc", ids, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2));
                received += tally.Counts.Count;
                duplicates += tally.Duplicates;
                missingMessages.AddRange(ids.Where(id => !tally.Counts.ContainsKey(id)));
            }

            output.WriteLine($"crash: sent {sent} ({unanswered.Count} batches unanswered at the kill, sent again after the restart), " +
                $"acknowledged {acknowledged.Count} ({acknowledgedBeforeKill} before the kill; {duplicatesAnswered} answered as duplicate), " +
                $"stored {acknowledged.Count - missingRows.Count}, published {received}, lost {missingRows.Count + missingMessages.Count}, " +
                $"duplicate messages {duplicates} (same message id)");
            Assert.Empty(missingRows);
            Assert.Empty(missingMessages);
        }
        finally
        {
            Directory.Delete(keyFolder, recursive: true);
        }
    }

    private static void Record(string feed, List<JsonObject> batch, IReadOnlyList<string> results,
        ConcurrentDictionary<string, (string Feed, JsonObject Event)> acknowledged, ref int duplicates)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            Assert.True(results[i] is "accepted" or "duplicate", $"event {i} was {results[i]}");
            acknowledged[FeedEvents.KeyHash(batch[i])] = (feed, batch[i]);
            if (results[i] == "duplicate")
            {
                Interlocked.Increment(ref duplicates);
            }
        }
    }
}
