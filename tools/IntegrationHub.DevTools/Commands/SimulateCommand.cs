using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>hubdev simulate [--hub URL] [--rate-scale N] [--silent-feed ID] [--silent-after DURATION] [--duration DURATION]</c>:
/// the sectoral systems of a living province, pushing valid events to the hub (about 1 in 30 deliberately invalid),
/// until Ctrl-C. One feed (land by default) stops after a while, so the dashboard shows it going late, then silent.
/// At scale 1: a dossier change every ~3 s, a land change every ~8 s, a school and a facility report every ~15 s.
/// </summary>
internal static class SimulateCommand
{
    private const double InvalidShare = 1.0 / 30;

    /// <summary>Supplies a bearer token for a feed, when the hub requires one.</summary>
    public static Func<string, Task<string?>> TokenForFeed { get; set; } = _ => Task.FromResult<string?>(null);

    public static async Task<int> RunAsync(Uri hub, double scale, string silentFeed, TimeSpan silentAfter, TimeSpan? duration)
    {
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        if (duration is { } limit)
        {
            stop.CancelAfter(limit);
        }

        var sources = Directory.GetDirectories(RepoLocator.Contracts)
            .Where(f => File.Exists(Path.Combine(f, "feed.json")))
            .Select(f => JsonNode.Parse(File.ReadAllText(Path.Combine(f, "feed.json")))!)
            .ToDictionary(f => f["id"]!.GetValue<string>(), f => f["sources"]![0]!.GetValue<string>());
        var province = new SimulateProvince(SimulateProvince.LoadCommunes(RepoLocator.Contracts, "25"));
        var gate = new SemaphoreSlim(1, 1); // the province model is not thread-safe
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromSeconds(30) };
        var started = DateTimeOffset.UtcNow;
        var counts = new Dictionary<string, (int Sent, int Invalid, int Failed)>(StringComparer.Ordinal);

        async Task FeedLoopAsync(string feedId, TimeSpan every, Func<DateTimeOffset, JsonObject> next)
        {
            var period = every / scale;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period * (0.5 + Random.Shared.NextDouble()), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                if (feedId == silentFeed && DateTimeOffset.UtcNow - started > silentAfter)
                {
                    continue; // this department's system has gone quiet
                }

                JsonObject data;
                bool invalid;
                await gate.WaitAsync();
                try
                {
                    var now = DateTimeOffset.UtcNow;
                    data = next(now);
                    invalid = Random.Shared.NextDouble() < InvalidShare;
                    if (invalid)
                    {
                        data = province.Spoil(feedId, data);
                    }
                }
                finally
                {
                    gate.Release();
                }

                var ok = await SendAsync(http, feedId, sources[feedId], data, stop.Token);
                lock (counts)
                {
                    var (sent, bad, failed) = counts.GetValueOrDefault(feedId);
                    counts[feedId] = (sent + 1, bad + (invalid ? 1 : 0), failed + (ok ? 0 : 1));
                }
            }
        }

        var report = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(30), stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                lock (counts)
                {
                    Console.WriteLine(string.Join("  ", counts.OrderBy(c => c.Key, StringComparer.Ordinal)
                        .Select(c => $"{c.Key}: {c.Value.Sent} sent, {c.Value.Invalid} invalid on purpose, {c.Value.Failed} not accepted")));
                }
            }
        });

        Console.WriteLine($"Simulating province 25 against {hub} at {scale}× (Ctrl-C stops); {silentFeed} goes quiet after {silentAfter}.");
        var laterFeeds = new SimulateLaterFeeds(SimulateProvince.LoadCommunes(RepoLocator.Contracts, "25"));
        await Task.WhenAll(new[]
        {
            FeedLoopAsync("pubsvc.dossier-status", TimeSpan.FromSeconds(3), province.DossierChange),
            FeedLoopAsync("land.parcel-record", TimeSpan.FromSeconds(8), province.ParcelChange),
            FeedLoopAsync("edu.school-status", TimeSpan.FromSeconds(15), province.SchoolReport),
            FeedLoopAsync("health.facility-interop", TimeSpan.FromSeconds(15), province.FacilityReport),
            report,
        }.Concat(laterFeeds.Loops.Select(loop => FeedLoopAsync(loop.FeedId, loop.Every, loop.Next))));
        return 0;
    }

    private static async Task<bool> SendAsync(HttpClient http, string feedId, string source, JsonObject data, CancellationToken cancellationToken)
    {
        var evt = new JsonObject
        {
            ["specversion"] = "1.0",
            ["type"] = feedId + ".v1",
            ["source"] = source,
            ["id"] = Guid.NewGuid().ToString(),
            ["time"] = SimulateProvince.Time(DateTimeOffset.UtcNow),
            ["datacontenttype"] = "application/json",
            ["data"] = data,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feedId}/events")
        {
            Content = new StringContent(evt.ToJsonString(), Encoding.UTF8, "application/cloudevents+json"),
        };
        if (await TokenForFeed(feedId) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return (int)response.StatusCode == 202;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
