using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IntegrationHub.Core.AsOf;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.DevTools.Commands;

/// <summary>
/// <c>dev/bench --as-of</c>: the cost of an as-of query (docs/as-of.md). Loads N entities × M updates into Azurite through
/// the hub's own event store (its tables only, under a prefix of the run's own, deleted at the end), the last update
/// round after a cut-off; then, for the whole feed and for one commune, as of the end: rows read and time without a
/// checkpoint, the cost of writing the checkpoint at the cut-off, and rows read and time with it. Each is set against the
/// raw floor: the same row ranges read with the Azure.Data.Tables SDK directly, without merging, as a ratio.
/// </summary>
internal static class AsOfBenchCommand
{
    private const string Feed = "bench.as-of";

    public static async Task<int> RunAsync(int entities, int updates, int communes, string storage)
    {
        var prefix = "Bench" + DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
        var options = new StorageOptions { ConnectionString = storage, TablePrefix = prefix, ContainerPrefix = prefix.ToLowerInvariant() };
        var tables = new TableServiceClient(storage);
        var store = new TableEventStore(tables, options, new BlobEventArchive(new BlobServiceClient(storage), options), TimeProvider.System);
        await store.CreateTablesAsync(CancellationToken.None);
        var reader = new TableFeedStateAsOf(tables, options, TimeProvider.System);
        var checkpoints = new SnapshotCheckpoints(tables, options, reader, FeedCatalogue.Load(RepoLocator.Contracts), store, new ProvinceTime(TimeSpan.FromHours(7)), TimeProvider.System);
        try
        {
            Console.WriteLine($"{entities} entities × {updates} updates ({entities * updates} events) in {communes} communes, one feed; Azurite");
            var load = Stopwatch.StartNew();
            var cutoff = DateTimeOffset.MinValue;
            for (var round = 0; round < updates; round++)
            {
                if (round == updates - 1)
                {
                    cutoff = DateTimeOffset.UtcNow;
                    await Task.Delay(5);
                }

                foreach (var chunk in Enumerable.Range(0, entities).Chunk(100))
                {
                    await store.CommitBatchAsync(chunk.Select(n => Event(n, round, communes)).ToArray(), CancellationToken.None);
                }
            }

            await Task.Delay(5);
            var asOf = DateTimeOffset.UtcNow;
            Console.WriteLine($"loaded in {load.Elapsed.TotalSeconds:F0} s; the last round arrived after the cut-off");
            var commune = Commune(0, communes);

            // Warm-up (JIT, connections), not reported.
            await MeasureAsync(reader, asOf, commune);
            await RawAsync(tables, prefix, null, commune, asOf, 1000);

            var rawFull = await RawAsync(tables, prefix, null, null, asOf, 1000);
            var rawCommune = await RawAsync(tables, prefix, null, commune, asOf, 1000);
            Report("feed, no checkpoint   ", await MeasureAsync(reader, asOf, null), rawFull);
            Report("commune, no checkpoint", await MeasureAsync(reader, asOf, commune), rawCommune);

            var write = Stopwatch.StartNew();
            var written = await checkpoints.WriteAsync(Feed, cutoff, CancellationToken.None);
            Console.WriteLine($"checkpoint at the cut-off (the feed's first, from history): {written.Entities} entities, {written.RowsRead} rows read, " +
                $"{write.Elapsed.TotalMilliseconds:F0} ms");

            Report("feed, checkpoint      ", await MeasureAsync(reader, asOf, null), await RawAsync(tables, prefix, cutoff, null, asOf, 1000));
            Report("commune, checkpoint   ", await MeasureAsync(reader, asOf, commune), await RawAsync(tables, prefix, cutoff, commune, asOf, 1000));
            return 0;
        }
        finally
        {
            foreach (var table in new[] { "Ledger", "Entities", "Poison" })
            {
                await tables.DeleteTableAsync(prefix + table);
            }
        }
    }

    private static void Report(string label, (int Entities, long Rows, int Pages, double Ms) hub, (long Rows, double Ms) raw) =>
        Console.WriteLine($"{label}: {hub.Entities,7} entities, {hub.Pages,4} pages, {hub.Rows,9} rows read, {hub.Ms,8:F0} ms   " +
            $"raw floor {raw.Rows,8} rows {raw.Ms,7:F0} ms   rows × {(double)hub.Rows / Math.Max(1, raw.Rows):F2}, time × {hub.Ms / Math.Max(1, raw.Ms):F2}");

    private static async Task<(int Entities, long Rows, int Pages, double Ms)> MeasureAsync(TableFeedStateAsOf reader, DateTimeOffset asOf, string? commune)
    {
        var clock = Stopwatch.StartNew();
        var (count, rows, pages) = (0, 0L, 0);
        string? token = null;
        do
        {
            var page = await reader.GetAsync(new AsOfQuery(Feed, asOf, commune, AsOfQuery.MaxPageSize, token), CancellationToken.None);
            (count, rows, pages, token) = (count + page.Items.Count, rows + page.RowsRead, pages + 1, page.ContinuationToken);
        }
        while (token is not null);

        return (count, rows, pages, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>
    /// The floor: each row range an as-of answer needs read once with the SDK (same columns, pages of 1000), nothing merged:
    /// without a checkpoint the feed's arrival rows up to the instant; with one, its commune (or feed) rows and the arrival rows after it.
    /// </summary>
    private static async Task<(long Rows, double Ms)> RawAsync(TableServiceClient tables, string prefix, DateTimeOffset? cutoff, string? commune, DateTimeOffset asOf, int page)
    {
        var table = tables.GetTableClient(prefix + "Entities");
        var partitions = TableClient.CreateQueryFilter($"PartitionKey ge {AsOfKeys.EntityPartitionsStart(Feed)} and PartitionKey lt {AsOfKeys.EntityPartitionsEnd(Feed)}");
        var from = cutoff is { } c ? AsOfKeys.ArrivalBoundary(c) : AsOfKeys.ArrivalRowPrefix;
        var filters = new List<string> { partitions + " and " + TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {AsOfKeys.ArrivalBoundary(asOf)}") };
        if (cutoff is { } at)
        {
            var checkpoint = AsOfKeys.CheckpointPrefix(at, commune);
            filters.Add(partitions + " and " + TableClient.CreateQueryFilter($"RowKey ge {checkpoint} and RowKey lt {AsOfKeys.End(checkpoint)}"));
        }

        var clock = Stopwatch.StartNew();
        var rows = 0L;
        foreach (var filter in filters)
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: page,
                select: ["PartitionKey", "RowKey", "Subject", "Commune", "Source", "EventId", "KeyHash", "EventTime", "ReceivedAt", "Version", "Data"]))
            {
                rows++;
            }
        }

        return (rows, clock.Elapsed.TotalMilliseconds);
    }

    private static string Commune(int entity, int communes) => (10000 + (entity % communes)).ToString(CultureInfo.InvariantCulture);

    private static AcceptedEvent Event(int entity, int round, int communes)
    {
        var id = $"e{entity}-{round}";
        var json = Encoding.UTF8.GetBytes($"{{\"id\":\"{id}\",\"data\":{{\"entity\":{entity},\"round\":{round},\"value\":{(entity * 7) + round}}}}}");
        var now = DateTimeOffset.UtcNow;
        return new AcceptedEvent
        {
            FeedId = Feed,
            Major = 1,
            Topic = "lgsp.bench.as-of.v1",
            Subject = "E" + entity.ToString("D6", CultureInfo.InvariantCulture),
            Commune = Commune(entity, communes),
            Source = "urn:bench",
            Id = id,
            Type = "bench.as-of",
            KeyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("urn:bench\n" + id))),
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(json)),
            Time = now.AddHours(round - 1000),
            ReceivedAt = now,
            AdminCodes = "",
            EventJson = json,
            Sender = new SenderIdentity("bench", "bench"),
        };
    }
}
