using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// An entity's history: rows <c>h|&lt;subject&gt;|&lt;UTC ticks of the event time&gt;|…</c> of its entity partition, so a
/// time range is one row-key range. An event counts as published once its outbox row is gone (no per-event mark is written).
/// </summary>
public sealed class TableSnapshotHistory(TableServiceClient service, StorageOptions options, IEventArchive archive) : ISnapshotHistory
{
    private readonly TableClient _entities = service.GetTableClient(options.TablePrefix + "Entities");
    private readonly TableClient _ledger = service.GetTableClient(options.TablePrefix + "Ledger");

    public async Task<ResultPage<HistoryEntry>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        var partition = TableKeys.EntityPartition(query.FeedId, query.Subject);
        var prefix = TableKeys.HistoryPrefix(query.Subject);
        var from = prefix + (query.From is { } f ? TableKeys.Ticks(f) : "");
        var to = query.To is { } t ? prefix + TableKeys.Ticks(t) : prefix[..^1] + "}";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var continuation = TableContinuation.Decode(query.ContinuationToken);
        var (rows, next) = await StorageGuard.RunAsync("Table", async () =>
        {
            await foreach (var page in _entities.QueryAsync<TableEntity>(filter, maxPerPage: query.PageSize, cancellationToken: cancellationToken)
                .AsPages(continuation, query.PageSize))
            {
                return (page.Values, page.ContinuationToken);
            }

            return ((IReadOnlyList<TableEntity>)[], (string?)null);
        });

        var items = await Task.WhenAll(rows.Select(async row =>
        {
            var recordBlob = row.GetString("RecordBlob");
            var json = recordBlob is null ? row.GetBinary("Event") : await archive.ReadRecordAsync(recordBlob, cancellationToken);
            var keyHash = row.GetString("KeyHash");
            var receivedAt = row.GetDateTimeOffset("ReceivedAt") ?? default;
            var pending = await StorageGuard.RunAsync("Table", () => _ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.LedgerPartition(keyHash),
                TableKeys.OutboxRowKey(receivedAt, keyHash), select: ["RowKey"], cancellationToken: cancellationToken));
            return new HistoryEntry(row.GetString("EventId"), row.GetString("Source"), row.GetDateTimeOffset("EventTime") ?? default,
                receivedAt, !pending.HasValue, row.GetBoolean("SnapshotUpdated") ?? false, json);
        }));

        return new ResultPage<HistoryEntry>(items, TableContinuation.Encode(next));
    }
}
