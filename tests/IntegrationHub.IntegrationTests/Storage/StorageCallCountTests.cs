using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Storage;

/// <summary>
/// The write path's cost in storage calls, counted by the hub's own pipeline policy on its Table and Blob clients
/// (<see cref="StorageCallCounter"/>, every attempt counted) against real Azurite: one 100-event request, everything it
/// causes until it is published, removed from the outbox and counted in feed status. An upper bound on calls, not on time.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class StorageCallCountTests(SharedStackFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Edu = "edu.school-status";
    private const int Events = 100;
    private const int MaxCallsPerRequest = 40;
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_100_event_request_costs_at_most_40_storage_calls_for_new_entities_and_again_for_their_updates()
    {
        var counter = _hub.App.Services.GetRequiredService<StorageCallCounter>();
        var run = Guid.NewGuid().ToString("N")[..6];
        var template = Samples.Valid(Edu)[0];
        JsonObject[] Batch(int round) => Enumerable.Range(0, Events).Select(n =>
        {
            var evt = (JsonObject)template.DeepClone();
            evt["id"] = $"{run}-{round}-{n}";
            evt["time"] = DateTimeOffset.UtcNow.AddMinutes(-10 + round).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", System.Globalization.CultureInfo.InvariantCulture);
            evt["data"]!["schoolCode"] = $"CC{run[..2].ToUpperInvariant()}{n:D4}";
            return evt;
        }).ToArray();

        foreach (var (round, label) in new[] { (0, "new entities"), (1, "updates of the same entities") })
        {
            var batch = Batch(round);
            var before = counter.Calls;
            using var response = await _hub.PostAsync(Edu, Samples.Batch(batch), "application/cloudevents-batch+json");
            var beforeAck = counter.Calls - before;
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.Equal(Events, (int)body["accepted"]!);

            await WaitUntilPublishedAndCountedAsync(batch, Events * (round + 1));
            var total = counter.Calls - before;
            output.WriteLine($"{label}: {total} storage calls for {Events} events ({beforeAck} before the 202), " +
                $"{(double)total / Events:F2} per event");
            Assert.True(total <= MaxCallsPerRequest, $"{label}: {total} storage calls for one {Events}-event request ({beforeAck} before the 202)");
            Assert.True(beforeAck <= total);
        }

        // The snapshots are the second round's: one entity each, version 2.
        using var reader = _hub.ReaderClient();
        var snapshot = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Edu}/{(string)Batch(1)[7]["data"]!["schoolCode"]!}"))!;
        Assert.Equal($"{run}-1-7", (string?)snapshot["eventId"]);
        Assert.Equal(2, (int)snapshot["version"]!);
    }

    /// <summary>Waits (reading with a client of the test's own, not counted) until no outbox row is left and feed status shows the events.</summary>
    private async Task WaitUntilPublishedAndCountedAsync(JsonObject[] batch, long acceptedSoFar)
    {
        var ledger = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Ledger");
        var ids = batch.Select(e => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)e["source"]! + "\n" + (string)e["id"]!)))).ToHashSet();
        for (var poll = 0; poll < 100; poll++)
        {
            var pending = 0;
            await foreach (var row in ledger.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"RowKey ge {TableKeys.OutboxRowPrefix} and RowKey lt {TableKeys.OutboxRowsEnd}"), select: ["RowKey"]))
            {
                pending += ids.Contains(row.RowKey[^64..]) ? 1 : 0;
            }

            if (pending == 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        // Feed status is flushed about once a second: let the flush that carries this request happen, then one more interval.
        var status = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "FeedStatus");
        for (var poll = 0; poll < 100; poll++)
        {
            long accepted = 0;
            await foreach (var row in status.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Edu}")))
            {
                accepted += row.RowKey.StartsWith("h|", StringComparison.Ordinal) ? row.GetInt64("Accepted") ?? 0 : 0;
            }

            if (accepted >= acceptedSoFar)
            {
                break;
            }

            await Task.Delay(100);
        }

        await Task.Delay(FeedActivityRecorder.FlushInterval * 1.5);
    }
}
