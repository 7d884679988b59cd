using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>The same event sent many times at once: the ledger lets exactly one through.</summary>
[Collection(StackCollection.Name)]
public sealed class ConcurrentDuplicateTests(SharedStackFixture fixture)
{
    private const int Copies = 20;

    [Fact]
    public async Task The_same_event_posted_20_times_at_once_is_accepted_once_with_one_snapshot_version_and_one_message()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var evt = FeedEvents.New(FeedEvents.PublicService, Random.Shared);
        var body = evt.ToJsonString();
        var token = hub.PublisherToken(FeedEvents.PublicService);

        using var start = new ManualResetEventSlim();
        var posts = Enumerable.Range(0, Copies).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            using var response = await hub.PostAsync(FeedEvents.PublicService, body, token: token);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
            return (string)JsonNode.Parse(text)!["results"]![0]!["status"]!;
        })).ToList();
        start.Set();
        var statuses = await Task.WhenAll(posts);

        Assert.Equal(1, statuses.Count(s => s == "accepted"));
        Assert.Equal(Copies - 1, statuses.Count(s => s == "duplicate"));

        var subject = FeedEvents.Subject(FeedEvents.PublicService, evt);
        var entities = new TableClient(fixture.Stack.StorageConnectionString, hub.TablePrefix + "Entities");
        var rows = new List<TableEntity>();
        await foreach (var row in entities.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.EntityPartition(FeedEvents.PublicService, subject)}")))
        {
            rows.Add(row);
        }

        var snapshot = Assert.Single(rows, r => r.RowKey == TableKeys.SnapshotRowKey(subject));
        Assert.Equal(1, snapshot.GetInt64("Version"));
        Assert.Single(rows, r => r.RowKey.StartsWith(TableKeys.HistoryPrefix(subject), StringComparison.Ordinal));
        Assert.Single(rows, r => r.RowKey.StartsWith(TableKeys.IndexRowPrefix, StringComparison.Ordinal) && r.GetString("Subject") == subject);

        using var reader = hub.ReaderClient();
        var read = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{FeedEvents.PublicService}/{subject}"))!;
        Assert.Equal(1, (int)read["version"]!);

        var messageId = FeedEvents.KeyHash(evt);
        foreach (var subscription in FeedEvents.Subscriptions(FeedEvents.PublicService))
        {
            var tally = await QueueTally.CollectAsync(fixture.Stack.AmqpUrl, $"/amq/queue/{FeedEvents.Topic(FeedEvents.PublicService)}.{subscription}",
                new HashSet<string> { messageId }, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
            Assert.Equal(1, tally.Counts.GetValueOrDefault(messageId));
        }
    }
}
