using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amqp;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.RabbitMq;
using IntegrationHub.Core.Storage;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/bench</c>: the hub's ingest rate against its floor, measured in one run on the running stack:
/// (a) the same rows, blobs and transactions the hub writes (ledger, outbox, history, snapshot, snapshot index), done directly
/// through the storage adapters (Azure SDK),
/// (b) the same messages published directly over AMQP 1.0, (c) the hub ingesting the same number of events over HTTP,
/// all with the same batch size and number of concurrent clients. Prints events/s, rows per event and c / min(a, b).
/// </summary>
internal static class BenchCommand
{
    private const string DevStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";
    private const string BenchTopic = "lgsp.bench.v1";

    public static async Task<int> RunAsync(string[] args)
    {
        var hub = new Uri(Option(args, "--hub") ?? "http://127.0.0.1:7071");
        var events = int.Parse(Option(args, "--events") ?? "4000", CultureInfo.InvariantCulture);
        var clients = int.Parse(Option(args, "--clients") ?? "8", CultureInfo.InvariantCulture);
        var batch = int.Parse(Option(args, "--batch") ?? "100", CultureInfo.InvariantCulture);
        var storage = Option(args, "--storage") ?? DevStorage;
        var amqp = Option(args, "--amqp") ?? "amqp://guest:guest@127.0.0.1:5672";
        var run = "bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

        var batches = MakeBatches(events, batch, run);
        Console.WriteLine($"{events} events in batches of {batch} from {clients} concurrent clients (feeds round-robin by batch)");

        var (storageRate, rowsPerEvent) = await StorageBaselineAsync(storage, batches, clients, run + "a");
        Console.WriteLine($"(a) storage, same writes via the SDK:  {storageRate,10:F0} events/s   rows per event: {rowsPerEvent:F2} (+1 transient outbox row)");
        var amqpRate = await AmqpBaselineAsync(amqp, batches, clients, run + "b");
        Console.WriteLine($"(b) AMQP 1.0 publish, same messages:   {amqpRate,10:F0} events/s");
        var hubBatches = MakeBatches(events, batch, run + "c");
        var hubRate = await HubAsync(hub, hubBatches, clients);
        Console.WriteLine($"(c) hub ingest over HTTP:              {hubRate,10:F0} events/s");
        Console.WriteLine($"ratio c / min(a, b) = {hubRate / Math.Min(storageRate, amqpRate):F2}");
        return 0;
    }

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

    private static AcceptedEvent Accepted(JsonObject evt, string feed)
    {
        var json = Encoding.UTF8.GetBytes(evt.ToJsonString());
        var source = (string)evt["source"]!;
        var id = (string)evt["id"]!;
        return new AcceptedEvent
        {
            FeedId = feed,
            Major = 1,
            Topic = BenchTopic,
            Subject = feed switch
            {
                "edu.school-status" => (string)evt["data"]!["schoolCode"]!,
                "health.facility-interop" => (string)evt["data"]!["facilityCode"]!,
                "land.parcel-record" => $"{evt["data"]!["communeCode"]}-{evt["data"]!["mapSheetNo"]}-{evt["data"]!["parcelNo"]}",
                _ => (string)evt["data"]!["dossierCode"]!,
            },
            Commune = (string?)evt["data"]!["communeCode"] ?? "_",
            Source = source,
            Id = id,
            Type = (string)evt["type"]!,
            KeyHash = EventKeys.KeyHash(source, id),
            ContentHash = EventKeys.Sha256Hex(json),
            Time = DateTimeOffset.Parse((string)evt["time"]!, CultureInfo.InvariantCulture),
            ReceivedAt = DateTimeOffset.UtcNow,
            AdminCodes = "QD19-2025",
            EventJson = json,
            Sender = new SenderIdentity("bench", "bench"),
        };
    }

    private static async Task<(double Rate, double RowsPerEvent)> StorageBaselineAsync(string connection, List<(string Feed, JsonObject[] Events)> batches, int clients, string run)
    {
        var options = new StorageOptions { TablePrefix = "Bench" + run, ContainerPrefix = run };
        var blobs = new BlobServiceClient(connection);
        var tables = new TableServiceClient(connection);
        var archive = new BlobEventArchive(blobs, options);
        var store = new TableEventStore(tables, options, archive, TimeProvider.System);
        await archive.CreateContainersAsync(CancellationToken.None);
        await store.CreateTablesAsync(CancellationToken.None);
        try
        {
            var elapsed = await RunClientsAsync(batches, clients, async batch =>
            {
                var body = Encoding.UTF8.GetBytes(new JsonArray(batch.Events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString());
                var blob = await archive.ArchiveRequestAsync(body, "application/cloudevents-batch+json", CancellationToken.None);
                using var gate = new SemaphoreSlim(32);
                await Task.WhenAll(batch.Events.Select(async evt =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        var accepted = Accepted(evt, batch.Feed);
                        accepted.ArchiveBlob = blob;
                        await store.CommitAsync(accepted, CancellationToken.None);
                        await store.MarkPublishedAsync(accepted, CancellationToken.None);
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            });
            var events = batches.Sum(b => b.Events.Length);
            long rows = 0;
            foreach (var table in new[] { "Ledger", "Entities", "SnapshotIndex" })
            {
                await foreach (var _ in tables.GetTableClient(options.TablePrefix + table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
                {
                    rows++;
                }
            }

            return (events / elapsed.TotalSeconds, (double)rows / events);
        }
        finally
        {
            await tables.DeleteTableAsync(options.TablePrefix + "Ledger");
            await tables.DeleteTableAsync(options.TablePrefix + "Entities");
            await tables.DeleteTableAsync(options.TablePrefix + "SnapshotIndex");
            await blobs.DeleteBlobContainerAsync(options.ContainerPrefix + "-archive");
            await blobs.DeleteBlobContainerAsync(options.ContainerPrefix + "-records");
        }
    }

    private static async Task<double> AmqpBaselineAsync(string url, List<(string Feed, JsonObject[] Events)> batches, int clients, string run)
    {
        var topology = new MessagingTopology([new TopicDefinition(BenchTopic, null, ["ioc"])]);
        var rabbit = RabbitMqTopologyOptions.FromUri(new Uri(url));
        await RabbitMqTopology.DeclareAsync(topology, rabbit, CancellationToken.None);
        var connection = await Connection.Factory.CreateAsync(new Address(url));
        try
        {
            var session = new Session(connection);
            var sender = new SenderLink(session, "bench-" + run, "/exchange/" + BenchTopic);
            var elapsed = await RunClientsAsync(batches, clients, async batch =>
            {
                await Task.WhenAll(batch.Events.Select(evt =>
                    sender.SendAsync(CloudEventAmqpMapper.ToMessage(Accepted(evt, batch.Feed), 192 * 1024, n => new Uri("http://x/" + n), partitionKey: false))));
            });
            await sender.CloseAsync();
            return batches.Sum(b => b.Events.Length) / elapsed.TotalSeconds;
        }
        finally
        {
            await connection.CloseAsync();
            await PurgeAsync(rabbit);
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

    private static async Task<double> HubAsync(Uri hub, List<(string Feed, JsonObject[] Events)> batches, int clients)
    {
        var tokens = BenchEvents.Feeds.ToDictionary(f => f, f => TokenCommand.Issue([HubRoles.Publish(f)], null, TimeSpan.FromHours(1)));
        using var http = new HttpClient { BaseAddress = hub, Timeout = TimeSpan.FromMinutes(2) };
        var refused = 0;
        var elapsed = await RunClientsAsync(batches, clients, async batch =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/feeds/{batch.Feed}/events")
            {
                Content = new StringContent(new JsonArray(batch.Events.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString(), Encoding.UTF8, "application/cloudevents-batch+json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[batch.Feed]);
            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode != 202)
            {
                Interlocked.Increment(ref refused);
                return;
            }

            using var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (result.RootElement.GetProperty("accepted").GetInt32() != batch.Events.Length)
            {
                Interlocked.Increment(ref refused);
            }
        });
        if (refused > 0)
        {
            Console.Error.WriteLine($"warning: {refused} batches were not fully accepted; the hub's figure is not comparable");
        }

        return batches.Sum(b => b.Events.Length) / elapsed.TotalSeconds;
    }

    private static async Task<TimeSpan> RunClientsAsync(List<(string Feed, JsonObject[] Events)> batches, int clients, Func<(string Feed, JsonObject[] Events), Task> send)
    {
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                await send(batches[i]);
            }
        })));
        return clock.Elapsed;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
