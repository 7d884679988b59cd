using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ingest;

/// <summary>
/// A source is tied to its feed: accepted only when the feed's <c>feed.json</c> lists it and the sender's application holds
/// it. An application granted two feeds' roles still cannot write one feed's records under the other feed's source.
/// Over real HTTP, with development tokens, against Azurite and RabbitMQ.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SourceFeedBindingTests(SharedStackFixture fixture)
{
    private const string Edu = "edu.school-status";
    private const string Health = "health.facility-interop";

    [Fact]
    public async Task An_app_holding_two_feed_roles_cannot_send_feed_b_records_under_feed_a_source()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var token = hub.Token("edu-sector-db", "Feeds.Publish." + Edu, "Feeds.Publish." + Health);
        var eduSource = (string)Samples.Valid(Edu)[0]["source"]!;
        var healthRecord = Samples.Valid(Health)[0];
        healthRecord["source"] = eduSource;

        using var refused = await hub.PostAsync(Health, healthRecord.ToJsonString(), token: token);

        var text = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, text);
        var result = JsonNode.Parse(text)!["results"]![0]!;
        Assert.Equal("rejected", (string?)result["status"]);
        var error = Assert.Single(result["errors"]!.AsArray())!;
        Assert.Equal("/source", (string?)error["pointer"]);
        Assert.Contains($"not a source of feed '{Health}'", (string?)error["detail"], StringComparison.Ordinal);

        // The same token and source are good for feed A's own records: the refusal is the feed binding, not the token.
        using var accepted = await hub.PostAsync(Edu, Samples.Valid(Edu)[0].ToJsonString(), token: token);
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, await accepted.Content.ReadAsStringAsync());

        var ledger = new TableClient(fixture.Stack.StorageConnectionString, hub.TablePrefix + "Entities");
        var healthRows = await ledger.QueryAsync<TableEntity>(r => r.PartitionKey.CompareTo(Health) >= 0 && r.PartitionKey.CompareTo(Health + "~") < 0)
            .ToListAsync();
        Assert.Empty(healthRows);
    }
}
