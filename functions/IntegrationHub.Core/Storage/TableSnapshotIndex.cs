using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// The snapshot index, read from the rows <c>i|&lt;commune&gt;|&lt;subject&gt;</c> that <see cref="TableEventStore"/> writes
/// in the same transaction as each snapshot, in the entity's own partition (<c>&lt;feedId&gt;|b&lt;bucket&gt;</c>). A commune
/// is one row-key range in each of the feed's partitions, a whole feed the <c>i|</c> range: no query reads history rows,
/// another feed, or the snapshot rows with their whole records; and an index row can never outlive its snapshot's commune.
/// </summary>
public sealed class TableSnapshotIndex(TableServiceClient service, StorageOptions options) : ISnapshotIndex
{
    private static readonly string[] ScanColumns = ["Subject", "Commune", "EventId", "EventTime", "ReceivedAt", "Version", "Data"];

    private readonly TableClient _table = service.GetTableClient(options.TablePrefix + "Entities");

    public async Task<ResultPage<SnapshotIndexEntry>> QueryAsync(SnapshotQuery query, CancellationToken cancellationToken)
    {
        var filter = Filter(query.FeedId, query.Commune);
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
                return new ResultPage<SnapshotIndexEntry>(page.Values.Select(r => FromRow(r, query.FeedId)).ToArray(), TableContinuation.Encode(page.ContinuationToken));
            }

            return new ResultPage<SnapshotIndexEntry>([], null);
        });
    }

    public async IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = Filter(feedId, null);
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

    private static string Filter(string feedId, string? commune)
    {
        // '|' sorts just below '}': "<prefix>|" … "<prefix>}" is exactly the rows under that prefix.
        var from = commune is null ? TableKeys.IndexRowPrefix : TableKeys.IndexPrefix(commune);
        var to = from[..^1] + "}";
        return TableClient.CreateQueryFilter($"PartitionKey ge {feedId + "|"} and PartitionKey lt {feedId + "|~"} and RowKey ge {from} and RowKey lt {to}");
    }

    private static SnapshotIndexEntry FromRow(TableEntity row, string feedId) =>
        new(feedId, row.GetString("Subject"), row.GetString("Commune") ?? "_", row.GetString("EventId"),
            row.GetDateTimeOffset("EventTime") ?? default, row.GetDateTimeOffset("ReceivedAt") ?? default, row.GetInt64("Version") ?? 1, row.GetBinary("Data"));

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);
}
