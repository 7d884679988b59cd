using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>The operators' dead-letter endpoints against a real RabbitMQ: list without losing, replay to the one subscription.</summary>
[Collection(FaultCollection.Name)]
public sealed class DeadLetterAdminTests(FaultStackFixture fixture) : IAsyncLifetime
{
    private const string Topic = "lgsp.land.parcel-record.v1";
    private RunningHub _hub = null!;
    private AmqpTestClient _amqp = null!;

    public async Task InitializeAsync()
    {
        _hub = await RunningHub.StartAsync(fixture.Stack, FaultSettings.TimersOn);
        _amqp = await AmqpTestClient.ConnectAsync(fixture.Stack.AmqpUrl);
    }

    public async Task DisposeAsync()
    {
        await _amqp.DisposeAsync();
        await _hub.DisposeAsync();
    }

    [Fact]
    public async Task A_message_rejected_by_the_ioc_consumer_is_listed_by_an_admin_stays_listed_and_is_replayed_to_ioc_and_not_to_ndxp()
    {
        var evt = FeedEvents.New(FeedEvents.Land, Random.Shared);
        var messageId = FeedEvents.KeyHash(evt);
        using (var posted = await _hub.PostAsync(FeedEvents.Land, evt.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        }

        // The ndxp forwarder takes its copy normally.
        var ndxp = _amqp.OpenReceiver($"/amq/queue/{Topic}.ndxp");
        var forwarded = await AmqpTestClient.ReceiveByIdAsync(ndxp, messageId, TimeSpan.FromSeconds(10));
        Assert.NotNull(forwarded);
        ndxp.Accept(forwarded);

        // The IOC consumer cannot process it and rejects it: RabbitMQ moves it to the subscription's dead-letter queue.
        var receiver = _amqp.OpenReceiver($"/amq/queue/{Topic}.ioc");
        var delivered = await AmqpTestClient.ReceiveByIdAsync(receiver, messageId, TimeSpan.FromSeconds(10));
        Assert.NotNull(delivered);
        receiver.Reject(delivered);
        await receiver.CloseAsync();

        using var admin = Client(_hub.Token("hub-admin", "Hub.Admin"));
        var listed = await ListAsync(admin);
        var item = Assert.Single(listed["messages"]!.AsArray(), m => (string?)m!["messageId"] == messageId)!;
        Assert.Equal((string?)evt["id"], (string?)item["id"]);
        Assert.Equal((string?)evt["source"], (string?)item["source"]);
        Assert.Equal("land.parcel-record.v1", (string?)item["type"]);
        // A restricted feed: an operator without the feed's read role sees no entity key; with it, the subject.
        Assert.Null((string?)item["subject"]);
        Assert.True((bool)listed["subjectsWithheld"]!);
        using (var entitled = Client(_hub.Token("hub-admin", "Hub.Admin", "Snapshots.Read.land.parcel-record")))
        {
            var full = await ListAsync(entitled);
            Assert.False((bool)full["subjectsWithheld"]!);
            Assert.Equal(FeedEvents.Subject(FeedEvents.Land, evt),
                (string?)full["messages"]!.AsArray().Single(m => (string?)m!["messageId"] == messageId)!["subject"]);
        }

        Assert.Equal(DateTimeOffset.Parse((string)evt["time"]!), DateTimeOffset.Parse((string)item["time"]!));
        Assert.True(item.AsObject().ContainsKey("enqueuedTime"));
        Assert.True(item.AsObject().ContainsKey("deliveryCount"));
        Assert.True(item.AsObject().ContainsKey("deadLetterReason"));
        Assert.Equal(Topic, (string?)listed["topic"]);
        Assert.Equal("ioc", (string?)listed["subscription"]);

        // Listing does not consume: the message is still there for the next listing.
        Assert.Contains((await ListAsync(admin))["messages"]!.AsArray(), m => (string?)m!["messageId"] == messageId);

        using var replay = await admin.PostAsync($"/api/deadletters/{Topic}/ioc/replay", Json(new { messageIds = new[] { messageId, "not-dead-lettered" } }));
        var replayed = JsonNode.Parse(await replay.Content.ReadAsStringAsync())!;
        Assert.True(replay.StatusCode == HttpStatusCode.OK, replayed.ToJsonString());
        Assert.Equal([messageId], replayed["replayed"]!.AsArray().Select(i => (string)i!));
        Assert.Equal(["not-dead-lettered"], replayed["notFound"]!.AsArray().Select(i => (string)i!));

        // Back on the ioc queue, unchanged; gone from the dead-letter queue.
        var again = _amqp.OpenReceiver($"/amq/queue/{Topic}.ioc");
        var redelivered = await AmqpTestClient.ReceiveByIdAsync(again, messageId, TimeSpan.FromSeconds(10));
        Assert.NotNull(redelivered);
        Assert.Equal(delivered.Properties.Subject, redelivered.Properties.Subject);
        Assert.Equal(AmqpTestClient.BodyText(delivered), AmqpTestClient.BodyText(redelivered));
        Assert.Equal(delivered.ApplicationProperties.Map.Count, redelivered.ApplicationProperties.Map.Count);
        Assert.Equal((string?)evt["id"], redelivered.ApplicationProperties["cloudEvents:id"]);
        again.Accept(redelivered);
        await again.CloseAsync();
        Assert.Null(await AmqpTestClient.ReceiveByIdAsync(ndxp, messageId, TimeSpan.FromSeconds(2)));
        await ndxp.CloseAsync();
        Assert.DoesNotContain((await ListAsync(admin))["messages"]!.AsArray(), m => (string?)m!["messageId"] == messageId);
    }

    [Theory]
    [InlineData("GET", "")]
    [InlineData("POST", "/replay")]
    public async Task Dead_letter_endpoints_refuse_tokens_without_the_admin_role(string method, string suffix)
    {
        var tokens = new[]
        {
            _hub.PublisherToken(FeedEvents.Land),
            _hub.Token("ioc-reader", "Snapshots.Read"),
            _hub.Token("hub-admin", "Snapshots.Read"),
        };
        foreach (var token in tokens)
        {
            using var client = Client(token);
            using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/deadletters/{Topic}/ioc{suffix}")
            {
                Content = method == "POST" ? Json(new { messageIds = new[] { "x" } }) : null,
            };
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("urn:lgsp:problem:missing-role", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"]);
        }

        using var anonymous = _hub.Client();
        using var unauthenticated = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/api/deadletters/{Topic}/ioc{suffix}"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task An_unknown_subscription_is_404_and_a_malformed_replay_body_is_400()
    {
        using var admin = Client(_hub.Token("hub-admin", "Hub.Admin"));
        using (var edu = await admin.GetAsync("/api/deadletters/lgsp.edu.school-status.v1/ndxp"))
        {
            Assert.Equal(HttpStatusCode.NotFound, edu.StatusCode);
        }

        using (var unknown = await admin.GetAsync("/api/deadletters/lgsp.unknown.v1/ioc"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        foreach (var body in new[] { "{}", """{"messageIds":[]}""", """{"messageIds":[1]}""", """{"messageIds":"x"}""", "not json" })
        {
            using var response = await admin.PostAsync($"/api/deadletters/{Topic}/ioc/replay", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        }
    }

    private async Task<JsonNode> ListAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync($"/api/deadletters/{Topic}/ioc");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonNode.Parse(text)!;
    }

    private HttpClient Client(string token)
    {
        var client = _hub.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static StringContent Json(object value) => new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");
}
