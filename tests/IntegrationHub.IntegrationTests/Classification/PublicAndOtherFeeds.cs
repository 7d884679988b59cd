using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Classification;

/// <summary>Every feed's valid samples ingested into a running hub, and the entities they made (read back with every read role).</summary>
public static class PublicAndOtherFeeds
{
    /// <summary>Posts each feed's valid samples (fresh ids); returns, per feed, the subjects of its entities.</summary>
    public static async Task<Dictionary<string, List<string>>> IngestAllAsync(RunningHub hub)
    {
        var catalogue = hub.App.Services.GetRequiredService<FeedCatalogue>();
        foreach (var feed in catalogue.Feeds)
        {
            using var response = await hub.PostAsync(feed.Id, Samples.Batch(Samples.Valid(feed.Id)), "application/cloudevents-batch+json");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{feed.Id}: {body}");
            Assert.True((int)JsonNode.Parse(body)!["accepted"]! > 0, $"{feed.Id}: {body}");
        }

        using var reader = hub.ReaderClient();
        var subjects = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var feed in catalogue.Feeds)
        {
            var page = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{feed.Id}?pageSize=1000"))!;
            subjects[feed.Id] = page["items"]!.AsArray().Select(i => (string)i!["subject"]!).ToList();
            Assert.NotEmpty(subjects[feed.Id]);
        }

        return subjects;
    }
}
