using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.AsOf;

/// <summary>
/// As-of reads from Table storage (docs/as-of.md). A page reads: the manifest row of the newest checkpoint at or before the
/// instant (first page only), the feed's arrival rows between that checkpoint and the instant (a row-key range in each of
/// the feed's eight entity partitions), and up to a page of the checkpoint's rows of the commune (or the feed), after the
/// last key handed out. Entities first recorded after the checkpoint, or that moved commune since, are listed at the key
/// their checkpoint row would have, so each entity is handed out exactly once across pages. The arrival rows a first page
/// read are kept for <see cref="WindowLifetime"/> for the query's next pages (a few queries at a time, in this instance).
/// </summary>
public sealed class TableFeedStateAsOf(TableServiceClient service, StorageOptions options, TimeProvider clock) : IFeedStateAsOf
{
    /// <summary>How long the arrival rows read for a query's first page serve its next pages.</summary>
    public static readonly TimeSpan WindowLifetime = TimeSpan.FromMinutes(1);

    private const int MaxCachedWindows = 4;

    private static readonly string[] ArrivalColumns =
        ["Subject", "Commune", "Source", "EventId", "KeyHash", "EventTime", "ReceivedAt", "Version", "Data", "BeatenByTime", "BeatenByReceivedAt"];

    private static readonly string[] CheckpointColumns = ["PartitionKey", "RowKey", "Subject", "Commune", "Source", "EventId", "KeyHash", "EventTime", "ReceivedAt", "Version", "Data"];

    private readonly TableClient _table = service.GetTableClient(options.TablePrefix + "Entities");
    private readonly ConcurrentDictionary<(string Feed, long? Cutoff, long AsOf), (Dictionary<string, List<AsOfObservation>> Rows, DateTimeOffset Until)> _windows = new();

    public async Task<AsOfPage> GetAsync(AsOfQuery query, CancellationToken cancellationToken)
    {
        var token = AsOfContinuation.Decode(query);
        var rowsRead = 0;
        DateTimeOffset? cutoff;
        if (token is null)
        {
            cutoff = await LatestCheckpointAsync(query.FeedId, query.AsOf, cancellationToken);
            rowsRead += cutoff is null ? 0 : 1;
        }
        else
        {
            cutoff = token.Cutoff is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }

        var windowKey = (query.FeedId, cutoff?.UtcTicks, query.AsOf.UtcTicks);
        var now = clock.GetUtcNow();
        if (token is null || !_windows.TryGetValue(windowKey, out var cached) || cached.Until < now)
        {
            var rows = await ReadArrivalsAsync(query.FeedId, cutoff, query.AsOf, cancellationToken);
            rowsRead += rows.Values.Sum(o => o.Count(x => x.IsRecord));
            foreach (var stale in _windows.Where(w => w.Value.Until < now || _windows.Count >= MaxCachedWindows).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }

            cached = (rows, now + WindowLifetime);
            _windows[windowKey] = cached;
        }

        var window = cached.Rows;
        var after = token is null ? null : new EntityKey(token.Partition, token.Row);

        var fetched = new List<(EntityKey Key, AsOfObservation State)>();
        var exhausted = true;
        if (cutoff is { } c)
        {
            (fetched, exhausted) = await ReadCheckpointPageAsync(query.FeedId, c, query.Commune, after, query.PageSize, cancellationToken);
            rowsRead += fetched.Count;
        }

        var keyCutoff = cutoff ?? DateTimeOffset.MinValue;
        var upper = exhausted || fetched.Count == 0 ? null : fetched[^1].Key;
        var entries = new SortedDictionary<EntityKey, AsOfObservation?>();
        foreach (var (key, state) in fetched)
        {
            entries[key] = AsOfMerge.StateIn(window.GetValueOrDefault(state.Subject, []).Append(state), query.AsOf, state.Commune);
        }

        foreach (var (subject, observations) in window)
        {
            if (AsOfMerge.StateIn(observations, query.AsOf, query.Commune) is not { } state)
            {
                continue;
            }

            var key = new EntityKey(TableKeys.EntityPartition(query.FeedId, subject), AsOfKeys.CheckpointRowKey(keyCutoff, state.Commune, subject));
            if ((after is null || key.CompareTo(after) > 0) && (upper is null || key.CompareTo(upper) <= 0) && !entries.ContainsKey(key))
            {
                entries[key] = state;
            }
        }

        var taken = entries.Take(query.PageSize).ToList();
        var more = entries.Count > query.PageSize || !exhausted;
        var next = more && taken.Count > 0
            ? new AsOfContinuation(query.FeedId, query.AsOf.UtcTicks, query.Commune, cutoff?.UtcTicks, taken[^1].Key.Partition, taken[^1].Key.Row).Encode()
            : null;
        var items = taken.Where(e => e.Value is not null).Select(e => ToEntry(e.Value!)).ToArray();
        return new AsOfPage(items, cutoff, rowsRead, next);
    }

    public async IAsyncEnumerable<AsOfEntry> ScanAsync(string feedId, DateTimeOffset asOf, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await GetAsync(new AsOfQuery(feedId, asOf, null, AsOfQuery.MaxPageSize, continuation), cancellationToken);
            foreach (var entry in page.Items)
            {
                yield return entry;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    /// <summary>The cut-off of the newest complete checkpoint at or before <paramref name="instant"/>, or null.</summary>
    public async Task<DateTimeOffset?> LatestCheckpointAsync(string feedId, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {AsOfKeys.ManifestPartition(feedId)} and RowKey ge {AsOfKeys.ManifestRowKey(instant)}");
        return await Guard(async () =>
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["Cutoff"], cancellationToken: cancellationToken))
            {
                return row.GetDateTimeOffset("Cutoff");
            }

            return null;
        });
    }

    /// <summary>The feed's arrival rows of events that arrived after <paramref name="after"/> (null: from the start) and by <paramref name="asOf"/>, by subject.</summary>
    public async Task<Dictionary<string, List<AsOfObservation>>> ReadArrivalsAsync(string feedId, DateTimeOffset? after, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var from = after is { } a ? AsOfKeys.ArrivalBoundary(a) : AsOfKeys.ArrivalRowPrefix;
        var filter = PartitionRange(feedId) + " and " + TableClient.CreateQueryFilter($"RowKey ge {from} and RowKey lt {AsOfKeys.ArrivalBoundary(asOf)}");
        var bySubject = new Dictionary<string, List<AsOfObservation>>(StringComparer.Ordinal);
        await foreach (var row in QueryAllAsync(filter, ArrivalColumns, cancellationToken))
        {
            var record = FromRow(row);
            if (!bySubject.TryGetValue(record.Subject, out var list))
            {
                bySubject[record.Subject] = list = [];
            }

            list.Add(record);
            if (row.GetDateTimeOffset("BeatenByTime") is { } time && row.GetDateTimeOffset("BeatenByReceivedAt") is { } receivedAt)
            {
                list.Add(AsOfObservation.Bound(record.Subject, time, receivedAt));
            }
        }

        return bySubject;
    }

    /// <summary>Every row of a checkpoint of the feed (all communes).</summary>
    public IAsyncEnumerable<AsOfObservation> ReadCheckpointAsync(string feedId, DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        QueryAllAsync(CheckpointFilter(feedId, cutoff, null, null), CheckpointColumns, cancellationToken).Select(FromRow);

    private async Task<(List<(EntityKey, AsOfObservation)> Rows, bool Exhausted)> ReadCheckpointPageAsync(string feedId, DateTimeOffset cutoff, string? commune,
        EntityKey? after, int pageSize, CancellationToken cancellationToken)
    {
        var filter = CheckpointFilter(feedId, cutoff, commune, after);
        var rows = new List<(EntityKey, AsOfObservation)>();
        string? continuation = null;
        do
        {
            var page = await Guard(async () =>
            {
                await foreach (var p in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize - rows.Count, select: CheckpointColumns, cancellationToken: cancellationToken)
                    .AsPages(continuation, pageSize - rows.Count))
                {
                    return (Values: p.Values, ContinuationToken: p.ContinuationToken);
                }

                return (Values: (IReadOnlyList<TableEntity>)[], ContinuationToken: (string?)null);
            });
            rows.AddRange(page.Values.Select(r => (new EntityKey(r.PartitionKey, r.RowKey), FromRow(r))));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null && rows.Count < pageSize);

        return (rows, continuation is null);
    }

    private static string CheckpointFilter(string feedId, DateTimeOffset cutoff, string? commune, EntityKey? after)
    {
        var prefix = AsOfKeys.CheckpointPrefix(cutoff, commune);
        var filter = PartitionRange(feedId) + " and " + TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {AsOfKeys.End(prefix)}");
        return after is null
            ? filter
            : filter + " and " + TableClient.CreateQueryFilter($"(PartitionKey gt {after.Partition} or (PartitionKey eq {after.Partition} and RowKey gt {after.Row}))");
    }

    private static string PartitionRange(string feedId) =>
        TableClient.CreateQueryFilter($"PartitionKey ge {AsOfKeys.EntityPartitionsStart(feedId)} and PartitionKey lt {AsOfKeys.EntityPartitionsEnd(feedId)}");

    private async IAsyncEnumerable<TableEntity> QueryAllAsync(string filter, string[] columns, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuation = null;
        do
        {
            var page = await Guard(async () =>
            {
                await foreach (var p in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: columns, cancellationToken: cancellationToken).AsPages(continuation, 1000))
                {
                    return (Values: p.Values, ContinuationToken: p.ContinuationToken);
                }

                return (Values: (IReadOnlyList<TableEntity>)[], ContinuationToken: (string?)null);
            });
            foreach (var row in page.Values)
            {
                yield return row;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    private static AsOfObservation FromRow(TableEntity row) =>
        new(row.GetString("Subject"), row.GetString("Commune") ?? "_", row.GetString("EventId"), row.GetString("Source"),
            row.GetDateTimeOffset("EventTime") ?? default, row.GetDateTimeOffset("ReceivedAt") ?? default, row.GetString("KeyHash") ?? "",
            row.GetInt64("Version"), row.GetBinary("Data"), IsRecord: true);

    private static AsOfEntry ToEntry(AsOfObservation o) => new(o.Subject, o.Commune, o.EventId, o.Source, o.EventTime, o.ReceivedAt, o.Version, o.Data);

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);

    /// <summary>A row's place in a cross-partition query's order: partition key, then row key (both ASCII, compared ordinally).</summary>
    private sealed record EntityKey(string Partition, string Row) : IComparable<EntityKey>
    {
        public int CompareTo(EntityKey? other)
        {
            if (other is null)
            {
                return 1;
            }

            var byPartition = string.CompareOrdinal(Partition, other.Partition);
            return byPartition != 0 ? byPartition : string.CompareOrdinal(Row, other.Row);
        }
    }
}
