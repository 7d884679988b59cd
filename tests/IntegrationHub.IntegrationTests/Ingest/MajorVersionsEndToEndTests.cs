using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ingest;

/// <summary>
/// Two majors of pubsvc.dossier-status side by side, over real HTTP against Azurite and RabbitMQ: both accepted at the same
/// endpoint by type, each on its own topic, and the v1 and v2 records of one dossier are one snapshot.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class MajorVersionsEndToEndTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string Feed = "pubsvc.dossier-status";
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
    public async Task A_v1_and_a_v2_record_of_one_dossier_reach_their_own_topics_and_one_snapshot()
    {
        var dossier = "H25.MAJ-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        var v1 = Dossier("received-in-person-hoa-binh-no-fee", dossier, "2026-11-18T08:00:00+07:00");
        var v2 = Dossier("v2-received-in-person-full-online-procedure", dossier, "2026-11-18T09:00:00+07:00");
        v2["data"]!["status"] = "PROCESSING";

        using var first = await _hub.PostAsync(Feed, v1.ToJsonString());
        using var second = await _hub.PostAsync(Feed, v2.ToJsonString());

        var one = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var two = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, second.StatusCode));
        Assert.Equal(("accepted", "accepted"), ((string?)one["results"]![0]!["status"], (string?)two["results"]![0]!["status"]));

        // v1 is deprecated: accepted, with a warning at /type naming its sunset and its successor; v2 has none.
        var warning = one["results"]![0]!["warnings"]!.AsArray().Single()!;
        Assert.Equal("/type", (string?)warning["pointer"]);
        Assert.Contains("2027-12-31", (string)warning["detail"]!, StringComparison.Ordinal);
        Assert.Null(two["results"]![0]!["warnings"]);

        var onV1 = await ReceiveAsync($"/amq/queue/{TestTopology.PublicService}.ioc", KeyHash(v1));
        var onV2 = await ReceiveAsync($"/amq/queue/{TestTopology.PublicServiceV2}.ioc", KeyHash(v2));
        var onV2National = await ReceiveAsync($"/amq/queue/{TestTopology.PublicServiceV2}.ndxp", KeyHash(v2));
        Assert.Equal("pubsvc.dossier-status.v1", onV1.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal("pubsvc.dossier-status.v2", onV2.ApplicationProperties["cloudEvents:type"]);
        Assert.Equal(dossier, onV2National.Properties.Subject);
        Assert.Equal((dossier, dossier), (onV1.Properties.Subject, onV2.Properties.Subject));

        // One entity: the snapshot is the later record (v2), and its history holds both majors.
        using var reader = _hub.ReaderClient();
        var snapshot = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Feed}/{dossier}"))!;
        Assert.Equal((string?)v2["id"], (string?)snapshot["eventId"]);
        Assert.Equal("pubsvc.dossier-status.v2", (string?)snapshot["event"]!["type"]);
        Assert.True((bool)snapshot["event"]!["data"]!["procedureFullOnline"]!);
        var history = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Feed}/{dossier}/history"))!;
        var types = history["items"]!.AsArray().Select(i => (string?)i!["event"]!["type"]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["pubsvc.dossier-status.v1", "pubsvc.dossier-status.v2"], types);
    }

    [Fact]
    public async Task A_v2_record_without_the_catalogue_flag_is_rejected_and_a_v1_record_with_it_too()
    {
        var v2 = Dossier("v2-received-in-person-full-online-procedure", "H25.MAJ-BAD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "2026-11-18T09:00:00+07:00");
        v2["data"]!.AsObject().Remove("procedureFullOnline");
        var v1 = Dossier("received-in-person-hoa-binh-no-fee", "H25.MAJ-BAD-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), "2026-11-18T09:00:00+07:00");
        v1["data"]!["procedureFullOnline"] = true;

        using var response = await _hub.PostAsync(Feed, Samples.Batch([v2, v1]), "application/cloudevents-batch+json");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal("/data/procedureFullOnline", (string?)r!["errors"]![0]!["pointer"]));
    }

    private static JsonObject Dossier(string sample, string dossierCode, string receivedAt)
    {
        var evt = JsonNode.Parse(File.ReadAllText(Path.Combine(Samples.Root, "contracts", Feed, "samples", "valid", sample + ".json")))!.AsObject();
        evt["id"] = Guid.NewGuid().ToString();
        evt["time"] = DateTimeOffset.Parse(receivedAt, System.Globalization.CultureInfo.InvariantCulture).AddMinutes(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        evt["data"]!["dossierCode"] = dossierCode;
        evt["data"]!["receivedAt"] = receivedAt;
        return evt;
    }

    private async Task<Amqp.Message> ReceiveAsync(string address, string messageId)
    {
        var receiver = _amqp.OpenReceiver(address);
        var message = await AmqpTestClient.ReceiveByIdAsync(receiver, messageId, TimeSpan.FromSeconds(20));
        Assert.True(message is not null, $"no message {messageId} on {address}");
        return message!;
    }

    private static string KeyHash(JsonObject evt) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)evt["source"]! + "\n" + (string)evt["id"]!)));
}
