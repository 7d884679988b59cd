using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Faults;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Ingest;

/// <summary>
/// Per-application rate and concurrency limits: a burst above them is answered 429 with Retry-After as a problem, never 5xx,
/// every event acknowledged with 202 is stored, and another application is not held back by the first one's burst.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RateLimitTests(SharedStackFixture fixture)
{
    private const int Requests = 40;

    [Fact]
    public async Task A_burst_above_the_limit_gets_429_with_retry_after_and_loses_nothing_it_accepted()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack,
            "--Hub:RateLimits:Default:Burst=5", "--Hub:RateLimits:Default:RequestsPerSecond=1", "--Hub:RateLimits:Default:ConcurrentRequests=3");
        var events = Enumerable.Range(0, Requests).Select(_ => FeedEvents.New(FeedEvents.Edu, Random.Shared)).ToList();

        var answers = await Task.WhenAll(events.Select(async evt =>
        {
            using var response = await hub.PostAsync(FeedEvents.Edu, evt.ToJsonString());
            return (evt, Status: (int)response.StatusCode, RetryAfter: response.Headers.RetryAfter?.Delta,
                Type: response.StatusCode == HttpStatusCode.TooManyRequests ? (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["type"] : null);
        }));

        Assert.DoesNotContain(answers, a => a.Status >= 500);
        Assert.All(answers, a => Assert.True(a.Status is 202 or 429, $"answered {a.Status}"));
        var accepted = answers.Where(a => a.Status == 202).ToList();
        var limited = answers.Where(a => a.Status == 429).ToList();
        Assert.NotEmpty(accepted);
        Assert.NotEmpty(limited);
        Assert.All(limited, a =>
        {
            Assert.Equal("urn:lgsp:problem:too-many-requests", a.Type);
            Assert.True(a.RetryAfter >= TimeSpan.FromSeconds(1), $"Retry-After {a.RetryAfter}");
        });

        // Read with another application: its own limits, untouched by the publisher's burst.
        using var reader = hub.ReaderClient();
        foreach (var (evt, _, _, _) in accepted)
        {
            var subject = FeedEvents.Subject(FeedEvents.Edu, evt);
            using var response = await reader.GetAsync($"/api/snapshots/{FeedEvents.Edu}/{Uri.EscapeDataString(subject)}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{subject}: {(int)response.StatusCode} {body}");
            Assert.Equal((string)evt["id"]!, (string?)JsonNode.Parse(body)!["eventId"]);
        }
    }
}
