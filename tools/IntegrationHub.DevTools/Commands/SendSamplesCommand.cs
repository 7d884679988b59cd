using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/send-samples [--hub URL] [--fresh]</c>: posts every feed's valid samples and prints what the hub answered.
/// A second run shows them as duplicates (idempotency at work); <c>--fresh</c> gives them new ids.
/// </summary>
internal static class SendSamplesCommand
{
    /// <summary>Supplies a bearer token for a feed, when the hub requires one.</summary>
    public static Func<string, Task<string?>> TokenForFeed { get; set; } = _ => Task.FromResult<string?>(null);

    public static async Task<int> RunAsync(Uri hub, bool fresh)
    {
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(60) };
        var failures = 0;
        foreach (var feedFolder in Directory.GetDirectories(RepoLocator.Contracts).Order(StringComparer.Ordinal))
        {
            var samples = Path.Combine(feedFolder, "samples", "valid");
            if (!Directory.Exists(samples))
            {
                continue;
            }

            var feedId = Path.GetFileName(feedFolder);
            var token = await TokenForFeed(feedId);
            foreach (var file in Directory.GetFiles(samples, "*.json").Order(StringComparer.Ordinal))
            {
                var evt = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
                if (fresh)
                {
                    evt["id"] = Guid.NewGuid().ToString();
                }

                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/events")
                {
                    Content = new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
                };
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                var status = TryStatus(body);
                Console.WriteLine($"{(int)response.StatusCode} {status,-9} {feedId} {Path.GetFileName(file)}");
                if ((int)response.StatusCode != 202)
                {
                    failures++;
                    Console.WriteLine("    " + body);
                }
            }
        }

        return failures == 0 ? 0 : 1;
    }

    private static string TryStatus(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("results", out var results) && results.GetArrayLength() > 0
                ? results[0].GetProperty("status").GetString() ?? "?"
                : "-";
        }
        catch (JsonException)
        {
            return "-";
        }
    }
}
