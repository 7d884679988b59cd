using System.Globalization;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// An entity's history: rows <c>h|&lt;UTC ticks of the event time&gt;|…</c> of its own entity partition, so a time
/// range is a row-key range inside one partition.
/// </summary>
public sealed class TableSnapshotHistory(TableServiceClient service, StorageOptions options, IEventArchive archive) : ISnapshotHistory
{
    private readonly TableClient _entities = service.GetTableClient(options.TablePrefix + "Entities");

    public async Task<ResultPage<HistoryEntry>> QueryAsync(HistoryQuery query, CancellationToken cancellationToken)
    {
        var partition = TableKeys.EntityPartition(query.FeedId, query.Subject);
        var from = TableKeys.HistoryRowPrefix + (query.From is { } f ? Ticks(f) : "");
        var to = TableKeys.HistoryRowPrefix + (query.To is { } t ? Ticks(t) : "~");
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

        var items = new List<HistoryEntry>(rows.Count);
        foreach (var row in rows)
        {
            var recordBlob = row.GetString("RecordBlob");
            var json = recordBlob is null ? row.GetBinary("Event") : await archive.ReadRecordAsync(recordBlob, cancellationToken);
            items.Add(new HistoryEntry(row.GetString("EventId"), row.GetString("Source"), row.GetDateTimeOffset("EventTime") ?? default,
                row.GetDateTimeOffset("ReceivedAt") ?? default, row.GetBoolean("Published") ?? false, row.GetBoolean("SnapshotUpdated") ?? false, json));
        }

        return new ResultPage<HistoryEntry>(items, TableContinuation.Encode(next));
    }

    private static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
