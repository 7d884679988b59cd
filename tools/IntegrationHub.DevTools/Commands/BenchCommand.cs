using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amqp;
using Amqp.Framing;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/bench</c>: the hub's ingest rate against the raw floor, in one run on the running stack (dev/up):
/// (a) the raw floor, written directly with the Azure SDK and AMQPNetLite, not through the hub's adapters: 2 rows per event in
/// entity-group transactions (one row in the event's ledger shard, one in its entity partition: the hub's partition spread),
/// one blob per request, one AMQP publish per event, pipelined; (b) the hub ingesting the same number of events over HTTP,
/// 100 per request from 8 concurrent clients; (c) single-event requests at a fixed offered rate. Prints events/s, storage
/// calls per event and latencies, then b / a and the hub's peak RSS.
/// </summary>
internal static class BenchCommand
{
    private const string BenchTopic = "lgsp.bench.v1";

    public static async Task<int> RunAsync(Uri hub, int events, int clients, int batch, double rate, TimeSpan single, string storage, string amqp, string persistence)
    {
        var run = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

        Console.WriteLine($"{events} events in requests of {batch} from {clients} concurrent clients (feeds round-robin by request); " +
            $"Azurite persistence: {persistence}, the same Azurite for (a), (b) and (c)");

        var raw = await RawFloorAsync(storage, amqp, MakeBatches(events, batch, run + "a"), clients, run);
        Console.WriteLine($"(a) raw floor (SDK + AMQPNetLite):   {raw.Rate,8:F0} events/s   storage calls/event {raw.CallsPerEvent:F2}   " +
            $"request p50 {raw.P50,6:F0} ms  p99 {raw.P99,6:F0} ms");

        var hubPid = HubProcess(hub.Port);
        var batched = await HubBatchesAsync(hub, MakeBatches(events, batch, run + "b"), clients);
        Console.WriteLine($"(b) hub, {batch}/request, {clients} clients:   {batched.Rate,8:F0} events/s   storage calls/event {HubCalls(batch)}   " +
            $"request p50 {batched.P50,6:F0} ms  p99 {batched.P99,6:F0} ms{(batched.Refused > 0 ? $"   ({batched.Refused} requests not fully accepted: not comparable)" : "")}");

        var singles = await HubSinglesAsync(hub, rate, single.TotalSeconds, run + "c");
        Console.WriteLine($"(c) hub, single events at {rate:F0}/s:    {singles.Rate,8:F0} events/s   storage calls/event {HubCalls(1)}   " +
            $"request p50 {singles.P50,6:F0} ms  p99 {singles.P99,6:F0} ms{(singles.Refused > 0 ? $"   ({singles.Refused} not accepted)" : "")}");

        Console.WriteLine($"b / a = {batched.Rate / raw.Rate:F2}");
        Console.WriteLine(hubPid is { } pid && PeakRssMiB(pid) is { } rss
            ? $"hub peak RSS (VmHWM of PID {pid}): {rss:F0} MiB"
            : "hub peak RSS: the hub's process was not found on the port (not on this machine?)");
        return 0;
    }

    /// <summary>
    /// The hub's calls are counted by its own <see cref="StorageCallCounter"/> and bounded by StorageCallCountTests; a separate
    /// process cannot read them, so the design's figure per request is printed, marked as such.
    /// </summary>
    private static string HubCalls(int perRequest) => perRequest > 1 ? "n/a in-run (StorageCallCountTests)" : "n/a in-run";

    private static List<(string Feed, JsonObject[] Events)> MakeBatches(int events, int size, string run)
    {
        var batches = new List<(string, JsonObject[])>();
        for (var b = 0; b * size < events; b++)
        {
            var feed = BenchEvents.Feeds[b % BenchEvents.Feeds.Length];
            batches.Add((feed, Enumerable.Range(b * size, Math.Min(size, events - (b * size))).Select(n => BenchEvents.Create(feed, n, run)).ToArray()));
        }

        return batches;
    }

    private static string Subject(string feed, JsonObject evt) => feed switch
    {
        "edu.school-status" => (string)evt["data"]!["schoolCode"]!,
        "health.facility-interop" => (string)evt["data"]!["facilityCode"]!,
        "land.parcel-record" => $"{evt["data"]!["communeCode"]}-{evt["data"]!["mapSheetNo"]}-{evt["data"]!["parcelNo"]}",
        _ => (string)evt["data"]!["dossierCode"]!,
    };

    private static async Task<Result> RawFloorAsync(string connection, string amqpUrl, List<(string Feed, JsonObject[] Events)> batches, int clients, string run)
    {
        var counter = new StorageCallCounter();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(counter.TablePolicy, HttpPipelinePosition.PerRetry);
        var blobOptions = new BlobClientOptions();
        blobOptions.AddPolicy(counter.BlobPolicy, HttpPipelinePosition.PerRetry);
        var table = new TableServiceClient(connection, tableOptions).GetTableClient("BenchRaw" + run);
        var container = new BlobServiceClient(connection, blobOptions).GetBlobContainerClient(run + "-raw");
        await table.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();

        var topology = new MessagingTopology([new TopicDefinition(BenchTopic, null, ["ioc"])]);
        var rabbit = RabbitMqTopologyOptions.FromUri(new Uri(amqpUrl));
        await RabbitMqTopology.DeclareAsync(topology, rabbit, CancellationToken.None);
        var connectionAmqp = await Connection.Factory.CreateAsync(new Address(amqpUrl));
        var session = new Session(connectionAmqp);
        var sender = new SenderLink(session, "bench-" + run, "/exchange/" + BenchTopic);
        var callsBefore = counter.Calls;
        try
        {
            return await RunClientsAsync(batches, clients, async batch =>
            {
                var body = Encoding.UTF8.GetBytes(new JsonArray(batch.Events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString());
                await container.GetBlobClient(Convert.ToHexStringLower(SHA256.HashData(body))).UploadAsync(BinaryData.FromBytes(body));
                var rows = batch.Events.Select(e =>
                {
                    var json = Encoding.UTF8.GetBytes(e.ToJsonString());
                    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((string)e["source"]! + "\n" + (string)e["id"]!)));
                    var subject = Subject(batch.Feed, e);
                    return (Hash: hash, Json: json, Ledger: TableKeys.LedgerPartition(hash), Entity: TableKeys.EntityPartition(batch.Feed, subject), Subject: subject);
                }).ToList();

                // Round 1: one row per event in its ledger shard; round 2: one row per event in its entity partition.
                await Task.WhenAll(rows.GroupBy(r => r.Ledger).SelectMany(g => g.Chunk(100)).Select(chunk => table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(r.Ledger, "k|" + r.Hash) { ["Event"] = r.Json })))));
                await Task.WhenAll(rows.GroupBy(r => r.Entity).SelectMany(g => g.Chunk(100)).Select(chunk => table.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(r.Entity, "h|" + TableKeys.Escape(r.Subject) + "|" + r.Hash[..16]) { ["Event"] = r.Json })))));
                await Task.WhenAll(rows.Select(r => sender.SendAsync(new Message
                {
                    Header = new Header { Durable = true },
                    Properties = new Properties { MessageId = r.Hash, Subject = r.Subject },
                    BodySection = new Data { Binary = r.Json },
                })));
            }) with { CallsPerEvent = (double)(counter.Calls - callsBefore) / batches.Sum(b => b.Events.Length) };
        }
        finally
        {
            await sender.CloseAsync();
            await connectionAmqp.CloseAsync();
            await PurgeAsync(rabbit);
            await table.DeleteAsync();
            await container.DeleteAsync();
        }
    }

    private static async Task PurgeAsync(RabbitMqTopologyOptions options)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { HostName = options.Host, Port = options.Port, UserName = options.User, Password = options.Password };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(RabbitMqTopology.QueueName(BenchTopic, "ioc"), ifUnused: false, ifEmpty: false);
        await channel.QueueDeleteAsync(RabbitMqTopology.DeadLetterQueueName(BenchTopic, "ioc"), ifUnused: false, ifEmpty: false);
        await channel.ExchangeDeleteAsync(BenchTopic);
    }

    private static async Task<Result> HubBatchesAsync(Uri hub, List<(string Feed, JsonObject[] Events)> batches, int clients)
    {
        var tokens = BenchEvents.Feeds.ToDictionary(f => f, f => TokenCommand.Issue([HubRoles.Publish(f)], null, TimeSpan.FromHours(1)));
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(2) };
        var refused = 0;
        var result = await RunClientsAsync(batches, clients, async batch =>
        {
            if (!await PostAsync(http, tokens[batch.Feed], batch.Feed, batch.Events, batch.Events.Length))
            {
                Interlocked.Increment(ref refused);
            }
        });
        return result with { Refused = refused };
    }

    private static async Task<Result> HubSinglesAsync(Uri hub, double rate, double seconds, string run)
    {
        var tokens = BenchEvents.Feeds.ToDictionary(f => f, f => TokenCommand.Issue([HubRoles.Publish(f)], null, TimeSpan.FromHours(1)));
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(2) };
        var count = (int)(rate * seconds);
        var latencies = new double[count];
        var refused = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            // Offered load: request i leaves at i / rate whatever the earlier ones are doing (open loop).
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var feed = BenchEvents.Feeds[i % BenchEvents.Feeds.Length];
            var started = clock.Elapsed;
            if (!await PostAsync(http, tokens[feed], feed, [BenchEvents.Create(feed, i, run)], 1))
            {
                Interlocked.Increment(ref refused);
            }

            latencies[i] = (clock.Elapsed - started).TotalMilliseconds;
        }));
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new Result(count / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), refused, 0);
    }

    private static async Task<bool> PostAsync(HttpClient http, string token, string feed, JsonObject[] events, int expected)
    {
        var batched = events.Length > 1;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{feed}/events")
        {
            Content = new StringContent(batched ? new JsonArray(events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString() : events[0].ToJsonString(),
                Encoding.UTF8, batched ? "application/cloudevents-batch+json" : "application/cloudevents+json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        if ((int)response.StatusCode != 202)
        {
            return false;
        }

        using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return result.RootElement.GetProperty("accepted").GetInt32() == expected;
    }

    private static async Task<Result> RunClientsAsync(List<(string Feed, JsonObject[] Events)> batches, int clients, Func<(string Feed, JsonObject[] Events), Task> send)
    {
        var next = -1;
        var latencies = new double[batches.Count];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                var started = clock.Elapsed;
                await send(batches[i]);
                latencies[i] = (clock.Elapsed - started).TotalMilliseconds;
            }
        })));
        var elapsed = clock.Elapsed;
        Array.Sort(latencies);
        return new Result(batches.Sum(b => b.Events.Length) / elapsed.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), 0, 0);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The process listening on the hub's port (Linux: the socket's inode in /proc/net/tcp, then the process holding it).</summary>
    private static int? HubProcess(int port)
    {
        try
        {
            var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
            var inodes = File.ReadLines("/proc/net/tcp").Concat(File.ReadLines("/proc/net/tcp6")).Skip(1)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length > 9 && f[1].EndsWith(":" + hexPort, StringComparison.Ordinal) && f[3] == "0A")
                .Select(f => "socket:[" + f[9] + "]").ToHashSet(StringComparer.Ordinal);
            foreach (var dir in Directory.EnumerateDirectories("/proc").Where(d => int.TryParse(Path.GetFileName(d), out _)))
            {
                try
                {
                    if (Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")).Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                    {
                        return int.Parse(Path.GetFileName(dir), CultureInfo.InvariantCulture);
                    }
                }
                catch (Exception e) when (e is UnauthorizedAccessException or IOException)
                {
                    // another user's process, or gone meanwhile
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static double? PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    private sealed record Result(double Rate, double P50, double P99, int Refused, double CallsPerEvent);
}
