using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Functions.Hosting.Identity;
using IntegrationHub.IntegrationTests.Hub;

namespace IntegrationHub.IntegrationTests.Faults;

/// <summary>Posts batches to a <see cref="HubProcess"/> with each feed owner's development token, signed with the hub's key folder.</summary>
public sealed class HubProcessClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public HubProcessClient(Uri baseAddress, string keyFolder)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var registry = SenderRegistry.Load(Path.Combine(Samples.Root, "contracts", "registry", "senders.json"));
        var catalogue = FeedCatalogue.Load(Path.Combine(Samples.Root, "contracts"));
        using var key = DevelopmentIssuerKey.LoadSigningKey(keyFolder);
        var issuer = new DevelopmentTokenIssuer(key);
        foreach (var feedId in FeedEvents.Feeds)
        {
            var feed = catalogue.Find(feedId)!;
            var owner = registry.Applications.First(a => a.Sources.Intersect(feed.Sources).Any());
            _tokens[feedId] = issuer.Issue(DevelopmentTokenIssuer.IssuerFor(RunningHub.Instance, RunningHub.TenantId), RunningHub.Audience, RunningHub.TenantId,
                owner.ClientId, [feed.PublishRole], DateTimeOffset.UtcNow, TimeSpan.FromHours(1));
        }
    }

    /// <summary>Posts a batch; returns the HTTP status and, for a 202, each event's status in request order.</summary>
    public async Task<(int Status, IReadOnlyList<string> Results)> PostBatchAsync(string feedId, IReadOnlyList<JsonObject> events, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/events")
        {
            Content = new StringContent(Samples.Batch(events), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/cloudevents-batch+json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[feedId]);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if ((int)response.StatusCode != 202)
        {
            return ((int)response.StatusCode, []);
        }

        return (202, JsonNode.Parse(body)!["results"]!.AsArray().Select(r => (string)r!["status"]!).ToList());
    }

    public void Dispose() => _http.Dispose();
}
