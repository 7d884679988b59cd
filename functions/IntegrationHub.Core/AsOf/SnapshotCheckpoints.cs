using Azure.Data.Tables;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.AsOf;

/// <summary>
/// Writes checkpoints (docs/as-of.md): each entity's state at a cut-off, one row per entity
/// <c>c|&lt;cut-off&gt;|&lt;commune&gt;|&lt;subject&gt;</c> in its entity partition, then the manifest row that makes the checkpoint
/// visible. A checkpoint is the previous one merged with the events that arrived after it, by the cut-off; a feed's first
/// is built from its history rows. The timer writes one per feed at each province midnight, once every event that arrived
/// by then has left the outbox.
/// </summary>
public sealed class SnapshotCheckpoints(TableServiceClient service, StorageOptions storage, TableFeedStateAsOf asOf, FeedCatalogue catalogue,
    IOutbox outbox, ProvinceTime provinceTime, TimeProvider clock)
{
    /// <summary>How long after a cut-off the timer waits before writing its checkpoint: longer than a request takes to commit.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(10);

    private const int MaxOperations = 100;
    private readonly TableClient _table = service.GetTableClient(storage.TablePrefix + "Entities");

    /// <summary>The timer's run: the latest province midnight at least <see cref="SettleTime"/> ago, for every feed.</summary>
    public async Task<IReadOnlyList<CheckpointResult>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var cutoff = provinceTime.DayStart(clock.GetUtcNow() - SettleTime).ToUniversalTime();
        var pending = await outbox.SummaryAsync(cancellationToken);
        var results = new List<CheckpointResult>();
        foreach (var feed in catalogue.Feeds)
        {
            results.Add(pending.OldestCreatedAt is { } oldest && oldest <= cutoff
                ? new CheckpointResult(feed.Id, cutoff, CheckpointOutcome.Postponed, 0, 0)
                : await WriteAsync(feed.Id, cutoff, cancellationToken));
        }

        return results;
    }

    /// <summary>Writes the feed's checkpoint at <paramref name="cutoff"/> unless it exists. Rewriting an interrupted one is harmless.</summary>
    public async Task<CheckpointResult> WriteAsync(string feedId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var previous = await asOf.LatestCheckpointAsync(feedId, cutoff, cancellationToken);
        if (previous == cutoff)
        {
            return new CheckpointResult(feedId, cutoff, CheckpointOutcome.Exists, 0, 1);
        }

        var bySubject = new Dictionary<string, List<AsOfObservation>>(StringComparer.Ordinal);
        var rowsRead = 0;
        if (previous is { } p)
        {
            await foreach (var state in asOf.ReadCheckpointAsync(feedId, p, cancellationToken))
            {
                Add(bySubject, state);
                rowsRead++;
            }

            foreach (var (subject, observations) in await asOf.ReadArrivalsAsync(feedId, p, cutoff, cancellationToken))
            {
                foreach (var o in observations.Where(o => o.IsRecord))
                {
                    Add(bySubject, o);
                    rowsRead++;
                }
            }
        }
        else
        {
            await foreach (var o in ReadHistoryAsync(feedId, cutoff, cancellationToken))
            {
                Add(bySubject, o);
                rowsRead++;
            }
        }

        // Every event that arrived by the cut-off is in view here, so the newest record is the state (bounds add nothing).
        var states = bySubject.Values.Select(list => AsOfMerge.Best(list, cutoff)!).ToList();
        await Task.WhenAll(states.GroupBy(s => TableKeys.EntityPartition(feedId, s.Subject), StringComparer.Ordinal).Select(async partition =>
        {
            foreach (var chunk in partition.Chunk(MaxOperations))
            {
                await Guard(() => _table.SubmitTransactionAsync(
                    chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, CheckpointRow(partition.Key, cutoff, s))), cancellationToken));
            }
        }));

        await Guard(() => _table.UpsertEntityAsync(new TableEntity(AsOfKeys.ManifestPartition(feedId), AsOfKeys.ManifestRowKey(cutoff))
        {
            ["Feed"] = feedId,
            ["Cutoff"] = cutoff,
            ["Entities"] = states.Count,
            ["Previous"] = previous,
            ["WrittenAt"] = clock.GetUtcNow(),
        }, TableUpdateMode.Replace, cancellationToken));
        return new CheckpointResult(feedId, cutoff, CheckpointOutcome.Written, states.Count, rowsRead);
    }

    /// <summary>The feed's history rows of events that arrived by <paramref name="cutoff"/>: every event, for a feed's first checkpoint.</summary>
    private async IAsyncEnumerable<AsOfObservation> ReadHistoryAsync(string feedId, DateTimeOffset cutoff,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {AsOfKeys.EntityPartitionsStart(feedId)} and PartitionKey lt {AsOfKeys.EntityPartitionsEnd(feedId)} and RowKey ge {TableKeys.HistoryRowPrefix} and RowKey lt {AsOfKeys.End(TableKeys.HistoryRowPrefix)} and ReceivedAt le {cutoff}");
        string? continuation = null;
        do
        {
            var page = await Guard(async () =>
            {
                await foreach (var p in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000,
                    select: ["Subject", "Commune", "Source", "EventId", "KeyHash", "EventTime", "ReceivedAt", "Event"], cancellationToken: cancellationToken).AsPages(continuation, 1000))
                {
                    return (Values: p.Values, ContinuationToken: p.ContinuationToken);
                }

                return (Values: (IReadOnlyList<TableEntity>)[], ContinuationToken: (string?)null);
            });
            foreach (var row in page.Values)
            {
                var json = row.GetBinary("Event");
                var data = json is null ? null : TableEventStore.DataOf(json);
                yield return new AsOfObservation(row.GetString("Subject"), row.GetString("Commune") ?? "_", row.GetString("EventId"), row.GetString("Source"),
                    row.GetDateTimeOffset("EventTime") ?? default, row.GetDateTimeOffset("ReceivedAt") ?? default, row.GetString("KeyHash") ?? "", null,
                    data is { Length: <= TableEventStore.MaxInlineDataBytes } ? data : null, IsRecord: true);
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    private static TableEntity CheckpointRow(string partition, DateTimeOffset cutoff, AsOfObservation s)
    {
        var row = new TableEntity(partition, AsOfKeys.CheckpointRowKey(cutoff, s.Commune, s.Subject))
        {
            ["Subject"] = s.Subject,
            ["Commune"] = s.Commune,
            ["Source"] = s.Source,
            ["EventId"] = s.EventId,
            ["KeyHash"] = s.KeyHash,
            ["EventTime"] = s.EventTime,
            ["ReceivedAt"] = s.ReceivedAt,
            ["Version"] = s.Version,
        };
        if (s.Data is not null)
        {
            row["Data"] = s.Data;
        }

        return row;
    }

    private static void Add(Dictionary<string, List<AsOfObservation>> bySubject, AsOfObservation o)
    {
        if (!bySubject.TryGetValue(o.Subject, out var list))
        {
            bySubject[o.Subject] = list = [];
        }

        list.Add(o);
    }

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);
}
