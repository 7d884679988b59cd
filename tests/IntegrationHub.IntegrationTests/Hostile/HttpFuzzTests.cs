using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace IntegrationHub.IntegrationTests.Hostile;

/// <summary>
/// A sample of the request-path fuzz inputs over real HTTP against the real hub (Kestrel, Azurite, RabbitMQ): each answer is
/// a 2xx or a 4xx, never a 5xx; per-event results carry JSON Pointers, request-level refusals are problem details.
/// <c>HUB_HTTP_FUZZ_ITERATIONS</c> sets the count (300 by default), <c>HUB_HTTP_FUZZ_SEED</c> replays a run.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class HttpFuzzTests(SharedStackFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_requests_over_http_get_a_2xx_or_a_4xx_with_pointers_never_a_5xx()
    {
        var iterations = FuzzSamples.Iterations("HUB_HTTP_FUZZ_ITERATIONS", 300);
        var seed = (int)FuzzSamples.Iterations("HUB_HTTP_FUZZ_SEED", Random.Shared.Next(1, int.MaxValue));
        var random = new Random(seed);
        var samples = FuzzSamples.Load();
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var tokens = samples.Select(s => s.Feed).Distinct().ToDictionary(f => f, hub.PublisherToken);
        using var client = hub.Client();
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();
        var notSendable = 0;
        for (var i = 0; i < iterations; i++)
        {
            var (sample, kind, inputSeed) = (random.Next(samples.Count), random.Next(InputMutator.Kinds), random.Next());
            var input = InputMutator.Mutate(samples, sample, kind, inputSeed);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{input.Feed}/events") { Content = new ByteArrayContent(input.Body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[input.Feed]);
            if (!string.IsNullOrEmpty(input.ContentType) && !request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType))
            {
                notSendable++;
                continue;
            }

            // HTTP carries header values of visible ASCII only; what a client cannot send is not the hub's to answer.
            if (input.Headers.Any(h => h.Value.Any(c => c is < ' ' or > '~')) || !input.Headers.All(h => request.Headers.TryAddWithoutValidation(h.Key, h.Value)))
            {
                notSendable++;
                continue;
            }

            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = Check(status, await response.Content.ReadAsStringAsync());
            if (problem is not null)
            {
                failures.Add($"sample {sample}, kind {kind}, seed {inputSeed}: {problem} — {input}");
            }
        }

        output.WriteLine($"seed {seed.ToString(CultureInfo.InvariantCulture)}: {iterations} inputs, {notSendable} not sendable over HTTP; statuses: "
            + string.Join(", ", statuses.Select(s => $"{s.Key} × {s.Value}")));
        Assert.True(failures.Count == 0, $"seed {seed}:{Environment.NewLine}" + string.Join(Environment.NewLine, failures.Take(20)));
        Assert.True(statuses.Keys.Any(s => s == 202) && statuses.Keys.Any(s => s >= 400), "the sample exercised too little of the request path");
    }

    private static string? Check(int status, string body)
    {
        if (status is < 200 or > 499)
        {
            return $"answered {status}: {body}";
        }

        JsonNode? answer;
        try
        {
            answer = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON: {body}";
        }

        if (status is 202 or 422)
        {
            foreach (var result in answer?["results"]?.AsArray() ?? [])
            {
                if ((string?)result!["status"] == "rejected"
                    && (result["errors"]!.AsArray() is not { Count: > 0 } errors || errors.Any(e => (string?)e!["pointer"] is not ("" or ['/', ..]))))
                {
                    return $"a rejection without JSON Pointers: {result.ToJsonString()}";
                }
            }

            return answer?["results"] is null ? $"answered {status} without results: {body}" : null;
        }

        return status >= 400 && ((string?)answer?["type"])?.StartsWith("urn:lgsp:problem:", StringComparison.Ordinal) != true
            ? $"answered {status} without a problem type: {body}"
            : null;
    }
}
