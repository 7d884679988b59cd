using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table <c>&lt;prefix&gt;SnapshotIndex</c>: partition <c>&lt;feedId&gt;|&lt;commune&gt;</c> (<c>_</c> without a commune),
/// row key the escaped subject. A commune's entities are one partition; a whole feed is the partition range
/// <c>&lt;feedId&gt;|</c> … <c>&lt;feedId&gt;|~</c>, which holds that feed's rows and nothing else, so no province-scale
/// query scans the entity table or another feed.
/// </summary>
public sealed class TableSnapshotIndex : ISnapshotIndex
{
    /// <summary>The data is kept inline up to this size; a larger record is read through the snapshot endpoint.</summary>
    public const int MaxInlineDataBytes = 60 * 1024;

    private const int MaxAttempts = 20;
    private static readonly string[] ScanColumns = ["Subject", "Commune", "EventId", "EventTime", "ReceivedAt", "Version", "Data"];

    private readonly TableClient _table;

    public TableSnapshotIndex(TableServiceClient service, StorageOptions options)
    {
        _table = service.GetTableClient(options.TablePrefix + "SnapshotIndex");
    }

    public static string Partition(string feedId, string? commune) => feedId + "|" + (string.IsNullOrEmpty(commune) ? "_" : TableKeys.Escape(commune));

    /// <summary>The index entry of a snapshot row of the entity table (the row just committed, or found there).</summary>
    public static SnapshotIndexEntry EntryFrom(TableEntity snapshot)
    {
        byte[]? data = null;
        if (snapshot.GetBinary("Event") is { } json)
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.TryGetProperty("data", out var element))
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(element);
                data = bytes.Length <= MaxInlineDataBytes ? bytes : null;
            }
        }

        return new SnapshotIndexEntry(snapshot.GetString("Feed"), snapshot.GetString("Subject"), snapshot.GetString("Commune") ?? "_",
            snapshot.GetString("EventId"), snapshot.GetDateTimeOffset("EventTime") ?? default, snapshot.GetDateTimeOffset("ReceivedAt") ?? default,
            snapshot.GetInt64("Version") ?? 1, data);
    }

    public Task CreateTableAsync(CancellationToken cancellationToken) => Guard(() => _table.CreateIfNotExistsAsync(cancellationToken));

    public async Task UpsertAsync(SnapshotIndexEntry entry, string? previousCommune, CancellationToken cancellationToken)
    {
        var partition = Partition(entry.FeedId, entry.Commune);
        var rowKey = TableKeys.Escape(entry.Subject);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var current = await Guard(() => _table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, select: ["Version"], cancellationToken: cancellationToken));
            if (current.HasValue && (current.Value!.GetInt64("Version") ?? 0) >= entry.Version)
            {
                break; // a newer version of the entity got here first
            }

            var row = ToRow(partition, rowKey, entry);
            try
            {
                await Guard(() => current.HasValue
                    ? _table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken)
                    : _table.AddEntityAsync(row, cancellationToken));
                break;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another version of the entity was indexed meanwhile: compare again.
            }
        }

        if (previousCommune is not null && previousCommune != entry.Commune)
        {
            var previous = Partition(entry.FeedId, previousCommune);
            var old = await Guard(() => _table.GetEntityIfExistsAsync<TableEntity>(previous, rowKey, select: ["Version"], cancellationToken: cancellationToken));
            if (old.HasValue && (old.Value!.GetInt64("Version") ?? 0) < entry.Version)
            {
                try
                {
                    await Guard(() => _table.DeleteEntityAsync(previous, rowKey, old.Value!.ETag, cancellationToken));
                }
                catch (RequestFailedException e) when (e.Status is 404 or 412)
                {
                    // Already gone, or rewritten by a newer version that moved it back.
                }
            }
        }
    }

    public async Task<ResultPage<SnapshotIndexEntry>> QueryAsync(SnapshotQuery query, CancellationToken cancellationToken)
    {
        var filter = query.Commune is null
            ? TableClient.CreateQueryFilter($"PartitionKey ge {query.FeedId + "|"} and PartitionKey lt {query.FeedId + "|~"}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {Partition(query.FeedId, query.Commune)}");
        if (query.UpdatedSince is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"ReceivedAt ge {since}");
        }

        var continuation = TableContinuation.Decode(query.ContinuationToken);
        return await Guard(async () =>
        {
            await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken)
                .AsPages(continuation, query.PageSize))
            {
                return new ResultPage<SnapshotIndexEntry>(page.Values.Select(FromRow).ToArray(), TableContinuation.Encode(page.ContinuationToken));
            }

            return new ResultPage<SnapshotIndexEntry>([], null);
        });
    }

    public async IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {feedId + "|"} and PartitionKey lt {feedId + "|~"}");
        string? continuation = null;
        do
        {
            var page = await Guard(async () =>
            {
                await foreach (var p in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ScanColumns, cancellationToken: cancellationToken)
                    .AsPages(continuation, 1000))
                {
                    return (Rows: p.Values.Select(r => FromRow(r, feedId)).ToArray(), Next: p.ContinuationToken);
                }

                return (Rows: Array.Empty<SnapshotIndexEntry>(), Next: (string?)null);
            });
            foreach (var entry in page.Rows)
            {
                yield return entry;
            }

            continuation = page.Next;
        }
        while (continuation is not null);
    }

    private static TableEntity ToRow(string partition, string rowKey, SnapshotIndexEntry entry)
    {
        var row = new TableEntity(partition, rowKey)
        {
            ["Feed"] = entry.FeedId,
            ["Subject"] = entry.Subject,
            ["Commune"] = entry.Commune,
            ["EventId"] = entry.EventId,
            ["EventTime"] = entry.EventTime,
            ["ReceivedAt"] = entry.ReceivedAt,
            ["Version"] = entry.Version,
        };
        if (entry.Data is not null)
        {
            row["Data"] = entry.Data;
        }

        return row;
    }

    private static SnapshotIndexEntry FromRow(TableEntity row) => FromRow(row, row.GetString("Feed"));

    private static SnapshotIndexEntry FromRow(TableEntity row, string feedId) =>
        new(feedId, row.GetString("Subject"), row.GetString("Commune") ?? "_", row.GetString("EventId"),
            row.GetDateTimeOffset("EventTime") ?? default, row.GetDateTimeOffset("ReceivedAt") ?? default, row.GetInt64("Version") ?? 1, row.GetBinary("Data"));

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);
}
