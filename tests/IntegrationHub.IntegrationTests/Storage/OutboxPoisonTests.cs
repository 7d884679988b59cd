using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Storage;

/// <summary>
/// An outbox entry that cannot be sent (here: its record blob is gone, a 404) fails on its own: the others are published in
/// the same run, it is retried with backoff, and after the attempt cap it moves to the poison table, raises an alert on
/// the alerts topic and is listed by the dead-letter admin API.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class OutboxPoisonTests(SharedStackFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Edu = "edu.school-status";
    private const string Topic = "lgsp.edu.school-status.v1";
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack,
        "--Hub:Relay:Grace=00:00:00", "--Hub:Relay:MaxAttempts=2", "--Hub:Relay:InitialBackoff=00:00:00.001", "--Hub:Relay:MaxBackoff=00:00:00.001");

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_poisoned_entry_never_delays_the_others_and_after_the_cap_is_moved_aside_alerted_and_listed()
    {
        var connection = fixture.Stack.StorageConnectionString;
        var options = new StorageOptions { TablePrefix = _hub.TablePrefix, ContainerPrefix = _hub.ContainerPrefix };
        var archive = new BlobEventArchive(new BlobServiceClient(connection), options);
        var store = new TableEventStore(new TableServiceClient(connection), options, archive, TimeProvider.System);

        // Committed as the hub commits them, but never published: what the relay finds after a crash.
        var template = Samples.Valid(Edu)[0];
        var good = Enumerable.Range(0, 5).Select(n => Accepted(template, $"poison-good-{Guid.NewGuid():N}", $"PG{n:D6}", pad: 0)).ToList();
        var bad = Accepted(template, $"poison-bad-{Guid.NewGuid():N}", "PB000001", pad: 70 * 1024);
        var outcomes = await store.CommitBatchAsync([bad, .. good], CancellationToken.None);
        Assert.All(outcomes, o => Assert.Equal(CommitOutcome.Accepted, o));
        Assert.NotNull(bad.RecordBlob); // too large for a row: claim-checked
        await new BlobServiceClient(connection).GetBlobContainerClient(_hub.ContainerPrefix + "-records").DeleteBlobAsync(bad.RecordBlob);

        await using var amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
        var relay = _hub.App.Services.GetRequiredService<OutboxRelay>();

        var first = await relay.RunOnceAsync(CancellationToken.None);
        output.WriteLine($"run 1: {first}");
        Assert.Equal(good.Count, first.Published);
        Assert.Equal(1, first.Failed);
        var ioc = amqp.OpenReceiver($"/amq/queue/{Topic}.ioc");
        var expected = good.Select(e => e.KeyHash).ToHashSet();
        var seen = new HashSet<string>();
        while (!expected.IsSubsetOf(seen) && await ioc.ReceiveAsync(TimeSpan.FromSeconds(10)) is { } message)
        {
            seen.Add(message.Properties?.MessageId ?? "");
            ioc.Accept(message);
        }

        Assert.Subset(seen, expected);
        Assert.DoesNotContain(bad.KeyHash, seen);

        await Task.Delay(50); // past the (1 ms) backoff
        var second = await relay.RunOnceAsync(CancellationToken.None);
        output.WriteLine($"run 2: {second}");
        Assert.Equal(1, second.Poisoned);

        var third = await relay.RunOnceAsync(CancellationToken.None);
        Assert.Equal(0, third.Due); // out of the outbox: it never comes back to the relay

        var alerts = amqp.OpenReceiver("/amq/queue/lgsp.hub.alerts.v1.ioc");
        var alert = await AmqpTestClient.ReceiveByIdAsync(alerts, bad.KeyHash[..32] + "-poison", TimeSpan.FromSeconds(10));
        Assert.NotNull(alert);
        alerts.Accept(alert);
        Assert.Equal(PoisonAlert.Type, alert.ApplicationProperties["cloudEvents:type"]);

        using var admin = _hub.Client();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _hub.Token("hub-admin", "Hub.Admin"));
        var text = await admin.GetStringAsync($"/api/deadletters/{Topic}/ioc");
        output.WriteLine(text);
        var listing = JsonNode.Parse(text)!;
        var poisoned = Assert.Single(listing["poisoned"]!.AsArray());
        Assert.Equal(bad.KeyHash, (string?)poisoned!["keyHash"]);
        Assert.Equal(2, (int)poisoned["attempts"]!);
        Assert.Contains("404", (string?)poisoned["reason"], StringComparison.Ordinal);
    }

    private static AcceptedEvent Accepted(JsonObject template, string id, string schoolCode, int pad)
    {
        var evt = (JsonObject)template.DeepClone();
        evt["id"] = id;
        evt["data"]!["schoolCode"] = schoolCode;
        if (pad > 0)
        {
            evt["padding"] = new string('x', pad);
        }

        var json = Encoding.UTF8.GetBytes(evt.ToJsonString());
        var source = (string)evt["source"]!;
        return new AcceptedEvent
        {
            FeedId = Edu,
            Major = 1,
            Topic = Topic,
            Subject = schoolCode,
            Commune = (string)evt["data"]!["communeCode"]!,
            Source = source,
            Id = id,
            Type = (string)evt["type"]!,
            KeyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source + "\n" + id))),
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(json)),
            Time = DateTimeOffset.Parse((string)evt["time"]!, System.Globalization.CultureInfo.InvariantCulture),
            ReceivedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            AdminCodes = "QD19-2025",
            EventJson = json,
            Sender = new SenderIdentity("test", "test"),
        };
    }
}
