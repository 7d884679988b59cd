using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amqp;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ingest;

/// <summary>Ingest end to end over real HTTP, against real Azurite and RabbitMQ (AMQP 1.0).</summary>
[Collection(StackCollection.Name)]
public sealed class IngestEndToEndTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string Edu = "edu.school-status";
    private RunningHub _hub = null!;
    private AmqpTestClient _amqp = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(fixture.Stack);
        _amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
    }

    public async Task DisposeAsync()
    {
        await _amqp.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_is_accepted_stored_archived_and_published_with_its_cloud_event_attributes()
    {
        var events = Samples.Valid(Edu);
        var body = Samples.Batch(events);

        using var response = await _hub.PostAsync(Edu, body, "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var result = JsonNode.Parse(text)!;
        Assert.True(events.Count == (int)result["accepted"]!, text);
        Assert.Equal(0, (int)result["rejected"]!);
        Assert.All(result["results"]!.AsArray(), (r, i) =>
        {
            Assert.Equal(i, (int)r!["index"]!);
            Assert.Equal("accepted", (string?)r["status"]);
            Assert.Empty(r["errors"]!.AsArray());
        });

        // The raw body is archived, content-addressed.
        var blobs = new BlobServiceClient(fixture.Stack.StorageConnectionString).GetBlobContainerClient(_hub.ContainerPrefix + "-archive");
        Assert.True(await blobs.GetBlobClient(Sha256(Encoding.UTF8.GetBytes(body))).ExistsAsync());

        var messages = await ReceiveAllAsync("/amq/queue/lgsp.edu.school-status.v1.ioc",
            events.Select(e => KeyHash((string)e["source"]!, (string)e["id"]!)).ToHashSet(), TimeSpan.FromSeconds(15));
        using var http = _hub.ReaderClient();
        foreach (var evt in events)
        {
            var subject = (string)evt["data"]!["schoolCode"]!;
            var snapshot = JsonNode.Parse(await http.GetStringAsync($"/api/snapshots/{Edu}/{subject}"))!;
            Assert.Equal((string?)evt["id"], (string?)snapshot["eventId"]);
            Assert.Equal(evt["data"]!.ToJsonString(), snapshot["event"]!["data"]!.ToJsonString());

            var messageId = KeyHash((string)evt["source"]!, (string)evt["id"]!);
            var message = messages[messageId];
            Assert.Equal(subject, message.Properties.Subject);
            Assert.Equal("application/json", message.Properties.ContentType);
            Assert.Equal((string?)evt["id"], message.ApplicationProperties["cloudEvents:id"]);
            Assert.Equal("edu.school-status.v1", message.ApplicationProperties["cloudEvents:type"]);
            Assert.Equal((string?)evt["source"], message.ApplicationProperties["cloudEvents:source"]);
            Assert.Equal(subject, message.ApplicationProperties["cloudEvents:subject"]);
            Assert.Equal("1.0", message.ApplicationProperties["cloudEvents:specversion"]);
            Assert.Equal(DateTimeOffset.Parse((string)evt["time"]!).UtcDateTime, (DateTime)message.ApplicationProperties["cloudEvents:time"]);
            Assert.True(message.Header.Durable);
            Assert.Equal(JsonNode.Parse(evt["data"]!.ToJsonString())!.ToJsonString(), JsonNode.Parse(AmqpTestClient.BodyText(message))!.ToJsonString());
        }

        await AssertEventuallyPublishedAsync(events);
    }

    [Fact]
    public async Task The_same_batch_again_gives_duplicates_no_new_rows_and_no_second_message()
    {
        var events = Samples.Valid(Edu);
        var body = Samples.Batch(events);
        using (var first = await _hub.PostAsync(Edu, body, "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        var ids = events.Select(e => KeyHash((string)e["source"]!, (string)e["id"]!)).ToHashSet();
        var seen = await CollectAsync("/amq/queue/lgsp.edu.school-status.v1.ioc", ids, TimeSpan.FromSeconds(10), stopWhen: s => s.Count == ids.Count);
        Assert.Equal(ids.Count, seen.Count);
        var historyRows = await CountHistoryRowsAsync();

        using var second = await _hub.PostAsync(Edu, body, "application/cloudevents-batch+json");
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var result = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(0, (int)result["accepted"]!);
        Assert.Equal(events.Count, (int)result["duplicates"]!);
        Assert.All(result["results"]!.AsArray(), r => Assert.Equal("duplicate", (string?)r!["status"]));

        var again = await CollectAsync("/amq/queue/lgsp.edu.school-status.v1.ioc", ids, TimeSpan.FromSeconds(3), stopWhen: _ => false);
        Assert.Empty(again);
        Assert.Equal(historyRows, await CountHistoryRowsAsync());
    }

    [Fact]
    public async Task A_mixed_batch_gets_one_outcome_per_record_and_the_bad_one_blocks_nothing()
    {
        var good = Samples.Valid(Edu).Take(2).ToList();
        var bad = Samples.Fresh(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Samples.Root, "contracts", Edu, "samples", "invalid", "several-errors.json")))!.AsObject());
        using var response = await _hub.PostAsync(Edu, Samples.Batch([good[0], bad, good[1]]), "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(2, (int)result["accepted"]!);
        Assert.Equal(1, (int)result["rejected"]!);
        var statuses = result["results"]!.AsArray().Select(r => (string?)r!["status"]).ToArray();
        Assert.Equal("accepted,rejected,accepted", string.Join(",", statuses));
        var pointers = result["results"]![1]!["errors"]!.AsArray().Select(e => (string)e!["pointer"]!).ToHashSet();
        Assert.Contains("/data/ownership", pointers);
        Assert.Equal((string?)bad["id"], (string?)result["results"]![1]!["id"]);

        using var http = _hub.ReaderClient();
        using var missing = await http.GetAsync($"/api/snapshots/{Edu}/{(string)bad["data"]!["schoolCode"]!}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task When_every_record_is_rejected_the_answer_is_a_422_problem_with_the_results()
    {
        var bad = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Samples.Root, "contracts", Edu, "samples", "invalid", "present-exceeds-enrolled.json")))!.AsObject();
        using var response = await _hub.PostAsync(Edu, Samples.Fresh(bad).ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(422, (int)problem["status"]!);
        Assert.Equal("/data/studentsPresent", (string?)problem["results"]![0]!["errors"]![0]!["pointer"]);
    }

    [Fact]
    public async Task A_binary_mode_event_is_accepted_like_a_structured_one()
    {
        var evt = Samples.Valid(Edu)[0];
        using var client = _hub.ReaderClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{Edu}/events")
        {
            Content = new StringContent(evt["data"]!.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _hub.PublisherToken(Edu));
        foreach (var name in new[] { "specversion", "type", "source", "id", "time" })
        {
            request.Headers.Add("ce-" + name, Uri.EscapeDataString((string)evt[name]!));
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var snapshot = JsonNode.Parse(await client.GetStringAsync($"/api/snapshots/{Edu}/{(string)evt["data"]!["schoolCode"]!}"))!;
        Assert.Equal((string?)evt["id"], (string?)snapshot["eventId"]);
    }

    [Fact]
    public async Task An_older_event_is_kept_in_history_but_does_not_replace_the_snapshot()
    {
        var newer = Samples.Valid(Edu)[0];
        var older = Samples.Fresh(newer.DeepClone().AsObject());
        older["time"] = DateTimeOffset.Parse((string)newer["time"]!).AddDays(-3).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
        older["data"]!["reportDate"] = DateTime.Parse((string)newer["data"]!["reportDate"]!).AddDays(-3).ToString("yyyy-MM-dd");
        older["data"]!.AsObject().Remove("lastSyncToMinistryDb");

        using (var r1 = await _hub.PostAsync(Edu, newer.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, r1.StatusCode);
        }

        using (var r2 = await _hub.PostAsync(Edu, older.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, r2.StatusCode);
        }

        var subject = (string)newer["data"]!["schoolCode"]!;
        using var http = _hub.ReaderClient();
        var snapshot = JsonNode.Parse(await http.GetStringAsync($"/api/snapshots/{Edu}/{subject}"))!;
        Assert.Equal((string?)newer["id"], (string?)snapshot["eventId"]);

        var table = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Entities");
        var history = table.Query<TableEntity>(e => e.PartitionKey == TableKeys.EntityPartition(Edu, subject))
            .Where(e => e.RowKey.StartsWith(TableKeys.HistoryPrefix(subject), StringComparison.Ordinal)).ToList();
        Assert.Contains(history, h => h.GetString("EventId") == (string?)older["id"]);
        Assert.Contains(history, h => h.GetString("EventId") == (string?)newer["id"]);
    }

    [Fact]
    public async Task The_same_source_and_id_with_other_content_is_rejected_as_a_conflict_at_id()
    {
        var evt = Samples.Valid(Edu)[0];
        using (var first = await _hub.PostAsync(Edu, evt.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        evt["data"]!["teachersActive"] = (int)evt["data"]!["teachersActive"]! + 1;
        using var second = await _hub.PostAsync(Edu, evt.ToJsonString());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal("/id", (string?)problem["results"]![0]!["errors"]![0]!["pointer"]);
    }

    [Fact]
    public async Task A_repeat_inside_one_batch_is_a_duplicate_of_the_first()
    {
        var evt = Samples.Valid(Edu)[0];
        using var response = await _hub.PostAsync(Edu, Samples.Batch([evt, evt]), "application/cloudevents-batch+json");
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("accepted,duplicate", string.Join(",", result["results"]!.AsArray().Select(r => (string?)r!["status"])));
    }

    [Fact]
    public async Task A_feed_published_nationally_also_reaches_its_ndxp_subscription()
    {
        var evt = Samples.Valid("land.parcel-record")[0];
        using (var response = await _hub.PostAsync("land.parcel-record", evt.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var messageId = KeyHash((string)evt["source"]!, (string)evt["id"]!);
        foreach (var queue in new[] { "ioc", "ndxp" })
        {
            var receiver = _amqp.OpenReceiver($"/amq/queue/lgsp.land.parcel-record.v1.{queue}");
            var message = await AmqpTestClient.ReceiveByIdAsync(receiver, messageId, TimeSpan.FromSeconds(10));
            Assert.NotNull(message);
            receiver.Accept(message);
            await receiver.CloseAsync();
        }
    }

    [Fact]
    public async Task The_outbox_relay_timer_function_runs_by_name_as_the_runner_invokes_it_and_leaves_nothing_pending()
    {
        using (var response = await _hub.PostAsync("edu.school-status", Samples.Valid("edu.school-status")[0].ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await IntegrationHub.Functions.Hosting.Runner.FunctionInvoker.InvokeTimerAsync("OutboxRelay", _hub.App.Services, CancellationToken.None);

        // The fast path may still hold the event for a moment; the relay leaves nothing behind once it has.
        var outbox = _hub.App.Services.GetRequiredService<IntegrationHub.Core.Storage.IOutbox>();
        var pending = -1;
        for (var i = 0; i < 100 && pending != 0; i++)
        {
            pending = (await outbox.SummaryAsync(CancellationToken.None)).Pending;
            if (pending != 0)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task Health_is_healthy_with_storage_and_broker_up()
    {
        using var client = _hub.AdminClient();
        var health = JsonNode.Parse(await client.GetStringAsync("/api/health"))!;
        Assert.Equal("healthy", (string?)health["status"]);
        Assert.Equal("up", (string?)health["checks"]!["storage"]);
        Assert.Equal("up", (string?)health["checks"]!["broker"]);
    }

    private async Task AssertEventuallyPublishedAsync(IEnumerable<JsonObject> events)
    {
        // Published = its history row exists and its outbox row is gone (the removal is the record of the publication).
        var table = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Entities");
        var ledger = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Ledger");
        foreach (var evt in events)
        {
            var subject = (string)evt["data"]!["schoolCode"]!;
            var partition = TableKeys.EntityPartition(Edu, subject);
            var keyHash = KeyHash((string)evt["source"]!, (string)evt["id"]!);
            var published = false;
            for (var i = 0; i < 50 && !published; i++)
            {
                var history = table.Query<TableEntity>(e => e.PartitionKey == partition)
                    .FirstOrDefault(e => e.GetString("EventId") == (string?)evt["id"] && e.RowKey.StartsWith(TableKeys.HistoryPrefix(subject), StringComparison.Ordinal));
                published = history is not null && !ledger.GetEntityIfExists<TableEntity>(TableKeys.LedgerPartition(keyHash),
                    TableKeys.OutboxRowKey(history.GetDateTimeOffset("ReceivedAt")!.Value, keyHash)).HasValue;
                if (!published)
                {
                    await Task.Delay(100);
                }
            }

            Assert.True(published, $"history row of {evt["id"]} not marked published");
        }
    }

    private async Task<int> CountHistoryRowsAsync()
    {
        var table = new TableClient(fixture.Stack.StorageConnectionString, _hub.TablePrefix + "Entities");
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith(TableKeys.HistoryRowPrefix, StringComparison.Ordinal))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Receives until every wanted message has arrived (in whatever order the broker delivers them).</summary>
    private async Task<Dictionary<string, Message>> ReceiveAllAsync(string address, HashSet<string> ids, TimeSpan window)
    {
        var found = new Dictionary<string, Message>();
        var receiver = _amqp.OpenReceiver(address);
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline && found.Count < ids.Count)
        {
            var message = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(500));
            if (message is null)
            {
                continue;
            }

            receiver.Accept(message);
            if (message.Properties?.MessageId is string id && ids.Contains(id))
            {
                Assert.True(found.TryAdd(id, message), $"message {id} arrived twice");
            }
        }

        await receiver.CloseAsync();
        Assert.Equal(ids.Order(), found.Keys.Order());
        return found;
    }

    private async Task<HashSet<string>> CollectAsync(string address, HashSet<string> ids, TimeSpan window, Func<HashSet<string>, bool> stopWhen)
    {
        var seen = new HashSet<string>();
        var receiver = _amqp.OpenReceiver(address);
        var deadline = DateTime.UtcNow + window;
        while (DateTime.UtcNow < deadline && !stopWhen(seen))
        {
            var message = await receiver.ReceiveAsync(TimeSpan.FromMilliseconds(500));
            if (message is null)
            {
                continue;
            }

            receiver.Accept(message);
            if (message.Properties?.MessageId is string id && ids.Contains(id))
            {
                Assert.True(seen.Add(id), $"message {id} arrived twice");
            }
        }

        await receiver.CloseAsync();
        return seen;
    }

    private static string KeyHash(string source, string id) => Sha256(Encoding.UTF8.GetBytes(source + "\n" + id));

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
