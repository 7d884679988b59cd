using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>Azurite stopped under a running hub: nothing is acknowledged, and the hub recovers by itself.</summary>
[Collection(FaultCollection.Name)]
public sealed class StorageDownTests(FaultStackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task With_storage_stopped_ingest_answers_503_with_retry_after_stores_nothing_and_recovers_without_a_restart()
    {
        var stack = fixture.Stack;
        await using var hub = await RunningHub.StartAsync(stack, FaultSettings.TimersOn);
        using var client = hub.AdminClient();
        using (var warmUp = await hub.PostAsync(FeedEvents.Health, FeedEvents.New(FeedEvents.Health, Random.Shared).ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, warmUp.StatusCode);
        }

        var settled = await HubHealthProbe.WaitAsync(client, h => h.OutboxPending == 0, TimeSpan.FromSeconds(10));
        Assert.True(settled.OutboxPending == 0, settled.ToString());

        await stack.StopAzuriteAsync();
        var refused = new List<(string Feed, JsonObject Event)>();
        try
        {
            foreach (var feed in FeedEvents.Feeds)
            {
                var batch = Enumerable.Range(0, 3).Select(_ => FeedEvents.New(feed, Random.Shared)).ToList();
                var clock = Stopwatch.StartNew();
                using var response = await hub.PostAsync(feed, Samples.Batch(batch), "application/cloudevents-batch+json");
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, text);
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the 503 took {clock.Elapsed}");
                Assert.Equal("10", response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var problem = JsonNode.Parse(text)!;
                Assert.Equal("urn:lgsp:problem:storage-unavailable", (string?)problem["type"]);
                Assert.Null(problem["results"]);
                refused.AddRange(batch.Select(e => (feed, e)));
            }

            var health = await HubHealthProbe.GetAsync(client);
            Assert.True((health.HttpStatus, health.Status, health.Storage) == (503, "unhealthy", "down"), health.ToString());
        }
        finally
        {
            await stack.StartAzuriteAsync();
        }

        // No restart: the same hub answers 202 again once Azurite is back.
        var recovery = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            using var probe = await hub.PostAsync(FeedEvents.Edu, FeedEvents.New(FeedEvents.Edu, Random.Shared).ToJsonString());
            status = probe.StatusCode;
            if (status != HttpStatusCode.Accepted)
            {
                await Task.Delay(500);
            }
        }
        while (status != HttpStatusCode.Accepted && recovery.Elapsed < TimeSpan.FromSeconds(30));
        Assert.True(status == HttpStatusCode.Accepted, $"still {(int)status} {recovery.Elapsed.TotalSeconds:0} s after Azurite started");
        var recoveredAfter = recovery.Elapsed;
        var healthy = await HubHealthProbe.WaitAsync(client, h => h.Status == "healthy", TimeSpan.FromSeconds(10));
        Assert.True(healthy.Status == "healthy", healthy.ToString());

        // Nothing of the refused requests was kept: no ledger row, no history row, no message (the relay had its chance).
        var ledger = new TableClient(stack.StorageConnectionString, hub.TablePrefix + "Ledger");
        var ledgerRows = 0;
        foreach (var (_, evt) in refused)
        {
            var hash = FeedEvents.KeyHash(evt);
            ledgerRows += (await ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.LedgerPartition(hash), TableKeys.LedgerRowKey(hash))).HasValue ? 1 : 0;
        }

        var stored = await BrokerDownTests.CountHistoryRowsAsync(stack.StorageConnectionString, hub.TablePrefix, refused);
        var refusedIds = refused.Select(r => FeedEvents.KeyHash(r.Event)).ToHashSet();
        var published = 0;
        foreach (var feed in FeedEvents.Feeds)
        {
            var tally = await QueueTally.CollectAsync(stack.AmqpUrl, $"/amq/queue/{FeedEvents.Topic(feed)}.ioc", refusedIds,
                TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3));
            published += tally.Received;
        }

        Assert.Equal((0, 0, 0), (ledgerRows, stored, published));

        // And the sender's retry is a first acceptance, not a duplicate of something half-kept.
        var accepted = 0;
        foreach (var group in refused.GroupBy(r => r.Feed))
        {
            using var retry = await hub.PostAsync(group.Key, Samples.Batch(group.Select(g => g.Event)), "application/cloudevents-batch+json");
            var result = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
            Assert.Equal(group.Count(), (int)result["accepted"]!);
            accepted += (int)result["accepted"]!;
        }

        output.WriteLine($"storage down: sent {refused.Count}, acknowledged 0 (503), stored {stored}, ledger rows {ledgerRows}, published {published}; " +
            $"recovered {recoveredAfter.TotalSeconds:0.0} s after Azurite started; retried {accepted} accepted");
    }
}
