using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/load</c>: drives the running hub with realistic valid events of the four feeds at a given rate for a given
/// time, from a bounded number of concurrent clients on loopback, then reconciles by event id: every acknowledged event
/// (accepted or duplicate) must have its history row in Table storage and its message on its topic's ioc queue. Prints
/// the rate achieved, the request latency percentiles, what was lost and the unexpected duplicates.
/// </summary>
internal static class LoadCommand
{
    public static async Task<int> RunAsync(LoadOptions options)
    {

        var catalogue = FeedCatalogue.Load(RepoLocator.Contracts);
        var topics = BenchEvents.Feeds.ToDictionary(f => f, f => catalogue.Find(f)!.Versions.Single(v => v.Major == 1).Topic);
        var tokens = BenchEvents.Feeds.ToDictionary(f => f,
            f => TokenCommand.Issue([HubRoles.Publish(f)], null, options.Duration + options.Settle + TimeSpan.FromMinutes(10)));
        var run = "load-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..4];
        var total = (int)Math.Round(options.Rate * options.Duration.TotalSeconds);
        var batches = (total + options.Batch - 1) / options.Batch;
        var interval = TimeSpan.FromSeconds(options.Batch / options.Rate);
        Console.WriteLine($"{run}: {total} events at {options.Rate:0.#}/s for {options.Duration.TotalSeconds:0} s, batches of {options.Batch} " +
            $"from {options.Clients} clients, to {options.Hub}");

        var acknowledged = new ConcurrentDictionary<string, LoadEvent>(StringComparer.Ordinal);
        var latencies = new ConcurrentBag<double>();
        var refusals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        int accepted = 0, duplicates = 0, rejected = 0;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients })
        {
            BaseAddress = options.Hub,
            Timeout = TimeSpan.FromSeconds(60),
        };
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(_ => Task.Run(async () =>
        {
            int k;
            while ((k = Interlocked.Increment(ref next)) < batches)
            {
                // Paced: batch k leaves at k × interval, or at once when the clients are behind.
                var wait = (interval * k) - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }

                var feed = BenchEvents.Feeds[k % BenchEvents.Feeds.Length];
                var events = Enumerable.Range(k * options.Batch, Math.Min(options.Batch, total - (k * options.Batch)))
                    .Select(n => Event(feed, n, run)).ToList();
                var started = clock.Elapsed;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feed}/events")
                    {
                        Content = new StringContent(new JsonArray(events.Select(e => (JsonNode)e).ToArray()).ToJsonString(), Encoding.UTF8, "application/cloudevents-batch+json"),
                    };
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[feed]);
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                    if ((int)response.StatusCode != 202)
                    {
                        refusals.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                        continue;
                    }

                    using var result = JsonDocument.Parse(body);
                    foreach (var item in result.RootElement.GetProperty("results").EnumerateArray())
                    {
                        var evt = events[item.GetProperty("index").GetInt32()];
                        switch (item.GetProperty("status").GetString())
                        {
                            case EventResult.Accepted:
                                Interlocked.Increment(ref accepted);
                                break;
                            case EventResult.Duplicate:
                                Interlocked.Increment(ref duplicates);
                                break;
                            default:
                                Interlocked.Increment(ref rejected);
                                continue;
                        }

                        var loaded = Describe(feed, topics[feed], evt);
                        acknowledged[loaded.MessageId] = loaded;
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    refusals.AddOrUpdate(e is TaskCanceledException ? "timeout" : "no answer", 1, (_, n) => n + 1);
                }
            }
        })));
        var elapsed = clock.Elapsed;

        var sorted = latencies.Order().ToArray();
        Console.WriteLine($"sent {total} events in {batches} requests over {elapsed.TotalSeconds:0.0} s: acknowledged {acknowledged.Count} " +
            $"(accepted {accepted}, duplicate {duplicates}), rejected records {rejected}, " +
            $"requests not acknowledged {(refusals.IsEmpty ? "0" : string.Join(", ", refusals.Select(r => $"{r.Value} × {r.Key}")))}");
        Console.WriteLine($"rate achieved {acknowledged.Count / elapsed.TotalSeconds:0.0} events/s (target {options.Rate:0.#})");
        if (sorted.Length > 0)
        {
            Console.WriteLine($"latency per request of {options.Batch}: p50 {Percentile(sorted, 0.50):0} ms, p95 {Percentile(sorted, 0.95):0} ms, " +
                $"p99 {Percentile(sorted, 0.99):0} ms, max {sorted[^1]:0} ms");
        }

        if (acknowledged.IsEmpty)
        {
            Console.Error.WriteLine("dev/load: the hub acknowledged nothing; is it running (dev/up) at " + options.Hub + "?");
            return 1;
        }

        var events = acknowledged.Values.ToList();
        var missingRows = await LoadReconciliation.MissingHistoryRowsAsync(options.Storage, options.TablePrefix, events);
        Console.WriteLine($"history rows {events.Count - missingRows.Count} / {events.Count}");
        var counts = await Task.WhenAll(BenchEvents.Feeds.Select(f => LoadReconciliation.DrainIocAsync(options.Amqp, topics[f],
            events.Where(e => e.Feed == f).Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal), options.Settle)));
        var missingMessages = events.Where(e => !counts.Any(c => c.Counts.ContainsKey(e.MessageId))).Select(e => e.MessageId).ToList();
        Console.WriteLine($"messages on the ioc queues {events.Count - missingMessages.Count} / {events.Count} " +
            $"({string.Join(", ", counts.Select(c => $"{c.Queue} {c.Counts.Count}"))}); other messages drained {counts.Sum(c => c.Other)}");
        var lost = missingRows.Union(missingMessages).Count();
        Console.WriteLine($"lost {lost} (no history row {missingRows.Count}, no message {missingMessages.Count}); " +
            $"unexpected duplicates {counts.Sum(c => c.Duplicates)}");
        foreach (var id in missingRows.Union(missingMessages).Take(10))
        {
            Console.WriteLine($"  lost: message id {id}");
        }

        return lost == 0 ? 0 : 1;
    }

    /// <summary>Event <paramref name="n"/> of the run: a sample of the feed with its own id and entity, produced now.</summary>
    private static JsonObject Event(string feed, int n, string run)
    {
        var evt = BenchEvents.Create(feed, n, run);
        evt["time"] = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        return evt;
    }

    private static LoadEvent Describe(string feed, string topic, JsonObject evt)
    {
        var data = evt["data"]!;
        var subject = feed switch
        {
            "edu.school-status" => (string)data["schoolCode"]!,
            "health.facility-interop" => (string)data["facilityCode"]!,
            "land.parcel-record" => $"{(string)data["communeCode"]!}-{(long)data["mapSheetNo"]!}-{(long)data["parcelNo"]!}",
            _ => (string)data["dossierCode"]!,
        };
        return new LoadEvent(feed, topic, subject, DateTimeOffset.Parse((string)evt["time"]!, CultureInfo.InvariantCulture),
            EventKeys.KeyHash((string)evt["source"]!, (string)evt["id"]!));
    }

    private static double Percentile(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
