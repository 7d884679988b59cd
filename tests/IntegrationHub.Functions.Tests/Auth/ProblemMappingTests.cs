using System.Net;

namespace IntegrationHub.Functions.Tests.Auth;

/// <summary>
/// Problems are built in one place: every function that takes a feed answers an unknown one with the same 404, and a storage
/// outage escaping any function is the same 503 with Retry-After (storage is down for this hub).
/// </summary>
[Collection(AuthHubCollection.Name)]
public sealed class ProblemMappingTests(AuthHubFixture hub)
{
    [Fact]
    public async Task Every_function_taking_a_feed_answers_an_unknown_feed_with_the_same_problem()
    {
        var reader = hub.Token("ioc-reader", "Snapshots.Read");
        var responses = new[]
        {
            await hub.GetAsync("/api/snapshots/no.such-feed", reader),
            await hub.GetAsync("/api/snapshots/no.such-feed/x", reader),
            await hub.GetAsync("/api/snapshots/no.such-feed/x/history", reader),
            await hub.GetAsync("/api/feeds/no.such-feed/schemas/v1", reader),
            await hub.PublishAsync("no.such-feed", hub.Token("edu-sector-db", "Feeds.Publish.edu.school-status"), AuthHubFixture.EduSource),
        };

        var details = new List<string>();
        foreach (var response in responses)
        {
            var problem = await Problem.AssertAsync(response, HttpStatusCode.NotFound, "unknown-feed");
            details.Add((string)problem["detail"]!);
        }

        Assert.Single(details.Distinct(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/feeds/status")]
    [InlineData("/api/indicators")]
    [InlineData("/api/snapshots/edu.school-status")]
    [InlineData("/api/snapshots/edu.school-status/x")]
    [InlineData("/api/snapshots/edu.school-status/x/history")]
    public async Task A_storage_outage_is_the_same_503_with_retry_after_from_every_reading_function(string path)
    {
        using var response = await hub.GetAsync(path, hub.Token("ioc-reader", "Snapshots.Read"));

        await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable, "storage-unavailable");
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
    }
}
