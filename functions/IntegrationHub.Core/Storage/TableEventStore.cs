using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table storage adapter for the ledger, the outbox, history and snapshots.
/// <list type="number">
/// <item>Ledger shard (one transaction): the idempotency row <c>k|hash</c> and the outbox row <c>o|hash</c>, which
/// carries the whole event. From here on the event cannot be lost: the relay can finish everything else.</item>
/// <item>Entity partition (one transaction): the history row and, when the event is the newest, the snapshot
/// (optimistic concurrency on its ETag).</item>
/// <item>After publication: the history row is marked published and the outbox row deleted.</item>
/// </list>
/// </summary>
public sealed class TableEventStore : IEventLedger, IOutbox, ISnapshotStore
{
    // A binary property holds at most 64 KiB; larger records live in Blob storage (claim check).
    public const int MaxInlineEventBytes = 60 * 1024;

    private readonly TableClient _ledger;
    private readonly TableClient _entities;
    private readonly IEventArchive _archive;
    private readonly TimeProvider _clock;
    private readonly ISnapshotIndex? _index;

    public TableEventStore(TableServiceClient service, StorageOptions options, IEventArchive archive, TimeProvider clock, ISnapshotIndex? index = null)
    {
        _index = index;
        _ledger = service.GetTableClient(options.TablePrefix + "Ledger");
        _entities = service.GetTableClient(options.TablePrefix + "Entities");
        _archive = archive;
        _clock = clock;
    }

    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await Guard(() => _ledger.CreateIfNotExistsAsync(cancellationToken));
        await Guard(() => _entities.CreateIfNotExistsAsync(cancellationToken));
        await (_index?.CreateTableAsync(cancellationToken) ?? Task.CompletedTask);
    }

    public async Task<CommitOutcome> CommitAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        var eventProperty = await InlineOrBlobAsync(accepted, cancellationToken);
        var partition = TableKeys.LedgerPartition(accepted.KeyHash);
        var ledgerRow = new TableEntity(partition, TableKeys.LedgerRowKey(accepted.KeyHash))
        {
            ["Feed"] = accepted.FeedId,
            ["Subject"] = accepted.Subject,
            ["Source"] = accepted.Source,
            ["EventId"] = accepted.Id,
            ["ContentHash"] = accepted.ContentHash,
            ["EventTime"] = accepted.Time,
            ["ReceivedAt"] = accepted.ReceivedAt,
            ["Archive"] = accepted.ArchiveBlob,
            ["SenderAppId"] = accepted.Sender.AppId,
        };
        var outboxRow = ToEntity(partition, TableKeys.OutboxRowKey(accepted.KeyHash), accepted, eventProperty);
        outboxRow["Attempts"] = 0;
        outboxRow["NextAttemptAt"] = accepted.ReceivedAt;

        var duplicate = false;
        try
        {
            await Guard(() => _ledger.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, ledgerRow), new TableTransactionAction(TableTransactionActionType.Add, outboxRow)],
                cancellationToken));
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            var existing = await Guard(() => _ledger.GetEntityAsync<TableEntity>(partition, ledgerRow.RowKey, cancellationToken: cancellationToken));
            if (existing.Value.GetString("ContentHash") != accepted.ContentHash)
            {
                return CommitOutcome.Conflict;
            }

            duplicate = true;
        }

        // Idempotent: for a duplicate this completes a first attempt that may have stopped after the ledger.
        await CommitEntityAsync(accepted, eventProperty, cancellationToken);
        return duplicate ? CommitOutcome.Duplicate : CommitOutcome.Accepted;
    }

    public Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken) =>
        CommitEntityAsync(accepted, accepted.RecordBlob is null ? ("Event", (object)accepted.EventJson) : ("RecordBlob", accepted.RecordBlob), cancellationToken);

    private async Task CommitEntityAsync(AcceptedEvent accepted, (string Name, object Value) eventProperty, CancellationToken cancellationToken)
    {
        var partition = TableKeys.EntityPartition(accepted.FeedId, accepted.Subject);
        var history = ToEntity(partition, TableKeys.HistoryRowKey(accepted.Time, accepted.KeyHash), accepted, eventProperty);
        history["Published"] = false;

        for (var attempt = 0; ; attempt++)
        {
            var current = await Guard(() => _entities.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.SnapshotRowKey, cancellationToken: cancellationToken));
            var actions = new List<TableTransactionAction>(2) { new(TableTransactionActionType.Add, history) };
            if (!current.HasValue)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, Snapshot(partition, accepted, eventProperty, version: 1, history.RowKey)));
            }
            else if (IsNewer(accepted, current.Value!))
            {
                var version = (current.Value!.GetInt64("Version") ?? 0) + 1;
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace,
                    Snapshot(partition, accepted, eventProperty, version, history.RowKey), current.Value!.ETag));
            }

            history["SnapshotUpdated"] = actions.Count == 2;
            try
            {
                await Guard(() => _entities.SubmitTransactionAsync(actions, cancellationToken));
                // The snapshot index follows the snapshot; a failure here fails the request, and its retry re-indexes below.
                await (_index is not null && actions.Count == 2
                    ? _index.UpsertAsync(TableSnapshotIndex.EntryFrom((TableEntity)actions[1].Entity), current.HasValue ? current.Value!.GetString("Commune") : null, cancellationToken)
                    : Task.CompletedTask);
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == 0)
            {
                await (_index is not null && current.HasValue ? _index.UpsertAsync(TableSnapshotIndex.EntryFrom(current.Value!), null, cancellationToken) : Task.CompletedTask);
                return; // the history row exists: an earlier attempt committed this event
            }
            catch (TableTransactionFailedException e) when ((e.Status == 409 || e.Status == 412) && attempt < 20)
            {
                // Another event of the same entity moved the snapshot first; read it again and decide again.
            }
        }
    }

    private static bool IsNewer(AcceptedEvent accepted, TableEntity snapshot)
    {
        var time = snapshot.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue;
        if (accepted.Time != time)
        {
            return accepted.Time > time;
        }

        // Same event time: the later arrival wins, and the same event never replaces itself.
        return snapshot.GetString("KeyHash") != accepted.KeyHash && accepted.ReceivedAt >= (snapshot.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue);
    }

    private static TableEntity Snapshot(string partition, AcceptedEvent accepted, (string Name, object Value) eventProperty, long version, string historyRowKey)
    {
        var row = ToEntity(partition, TableKeys.SnapshotRowKey, accepted, eventProperty);
        row["Version"] = version;
        row["HistoryRowKey"] = historyRowKey;
        return row;
    }

    private static TableEntity ToEntity(string partition, string rowKey, AcceptedEvent e, (string Name, object Value) eventProperty) => new(partition, rowKey)
    {
        ["Feed"] = e.FeedId,
        ["Major"] = e.Major,
        ["Topic"] = e.Topic,
        ["Subject"] = e.Subject,
        ["Commune"] = e.Commune,
        ["Source"] = e.Source,
        ["EventId"] = e.Id,
        ["Type"] = e.Type,
        ["KeyHash"] = e.KeyHash,
        ["ContentHash"] = e.ContentHash,
        ["EventTime"] = e.Time,
        ["ReceivedAt"] = e.ReceivedAt,
        ["AdminCodes"] = e.AdminCodes,
        ["Archive"] = e.ArchiveBlob,
        ["SenderAppId"] = e.Sender.AppId,
        ["SenderTenantId"] = e.Sender.TenantId,
        [eventProperty.Name] = eventProperty.Value,
    };

    private async Task<(string Name, object Value)> InlineOrBlobAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        if (accepted.EventJson.Length <= MaxInlineEventBytes)
        {
            return ("Event", accepted.EventJson);
        }

        accepted.RecordBlob ??= await _archive.StoreRecordAsync(accepted.KeyHash, accepted.EventJson, cancellationToken);
        return ("RecordBlob", accepted.RecordBlob);
    }

    private async Task<AcceptedEvent> FromEntityAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var recordBlob = row.GetString("RecordBlob");
        var json = recordBlob is null ? row.GetBinary("Event") : await _archive.ReadRecordAsync(recordBlob, cancellationToken);
        return new AcceptedEvent
        {
            FeedId = row.GetString("Feed"),
            Major = row.GetInt32("Major") ?? 1,
            Topic = row.GetString("Topic"),
            Subject = row.GetString("Subject"),
            Commune = row.GetString("Commune"),
            Source = row.GetString("Source"),
            Id = row.GetString("EventId"),
            Type = row.GetString("Type"),
            KeyHash = row.GetString("KeyHash"),
            ContentHash = row.GetString("ContentHash"),
            Time = row.GetDateTimeOffset("EventTime") ?? default,
            ReceivedAt = row.GetDateTimeOffset("ReceivedAt") ?? default,
            AdminCodes = row.GetString("AdminCodes"),
            EventJson = json,
            ArchiveBlob = row.GetString("Archive"),
            RecordBlob = recordBlob,
            Sender = new SenderIdentity(row.GetString("SenderAppId"), row.GetString("SenderTenantId")),
        };
    }

    public async Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        var mark = new TableEntity(TableKeys.EntityPartition(accepted.FeedId, accepted.Subject), TableKeys.HistoryRowKey(accepted.Time, accepted.KeyHash))
        {
            ["Published"] = true,
            ["PublishedAt"] = _clock.GetUtcNow(),
        };
        await Task.WhenAll(
            Guard(() => _entities.UpdateEntityAsync(mark, ETag.All, TableUpdateMode.Merge, cancellationToken)),
            DeleteOutboxRowAsync(accepted.KeyHash, cancellationToken));
    }

    private async Task DeleteOutboxRowAsync(string keyHash, CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => _ledger.DeleteEntityAsync(TableKeys.LedgerPartition(keyHash), TableKeys.OutboxRowKey(keyHash), ETag.All, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: another publisher of the same event (the relay of another instance, or a retried delete) got there first.
        }
    }

    public async Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<OutboxEntry>();
        foreach (var partition in TableKeys.LedgerPartitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge 'o|' and RowKey lt 'o}}' and Timestamp lt {createdBefore} and NextAttemptAt le {now}");
            await Guard(async () =>
            {
                await foreach (var row in _ledger.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: cancellationToken))
                {
                    due.Add(new OutboxEntry(await FromEntityAsync(row, cancellationToken), row.GetInt32("Attempts") ?? 0,
                        row.GetDateTimeOffset("ReceivedAt") ?? now, row.ETag.ToString()));
                    if (due.Count >= max)
                    {
                        break;
                    }
                }

                return 0;
            });
            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    public async Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken)
    {
        var update = new TableEntity(TableKeys.LedgerPartition(entry.Event.KeyHash), TableKeys.OutboxRowKey(entry.Event.KeyHash))
        {
            ["Attempts"] = entry.Attempts + 1,
            ["NextAttemptAt"] = nextAttemptAt,
        };
        try
        {
            await Guard(() => _ledger.UpdateEntityAsync(update, new ETag(entry.ETag), TableUpdateMode.Merge, cancellationToken));
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Published or rescheduled meanwhile by another worker.
        }
    }

    public async Task<bool> IsPendingAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        var row = await Guard(() => _ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.LedgerPartition(accepted.KeyHash),
            TableKeys.OutboxRowKey(accepted.KeyHash), select: ["RowKey"], cancellationToken: cancellationToken));
        return row.HasValue;
    }

    public async Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        DateTimeOffset? oldest = null;
        foreach (var partition in TableKeys.LedgerPartitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge 'o|' and RowKey lt 'o}}'");
            await Guard(async () =>
            {
                await foreach (var row in _ledger.QueryAsync<TableEntity>(filter, select: ["ReceivedAt"], cancellationToken: cancellationToken))
                {
                    count++;
                    var created = row.GetDateTimeOffset("ReceivedAt");
                    if (created is not null && (oldest is null || created < oldest))
                    {
                        oldest = created;
                    }
                }

                return 0;
            });
        }

        return new OutboxSummary(count, oldest);
    }

    public async Task<Snapshot?> GetAsync(string feedId, string subject, CancellationToken cancellationToken)
    {
        var row = await Guard(() => _entities.GetEntityIfExistsAsync<TableEntity>(TableKeys.EntityPartition(feedId, subject), TableKeys.SnapshotRowKey, cancellationToken: cancellationToken));
        if (!row.HasValue)
        {
            return null;
        }

        var e = await FromEntityAsync(row.Value!, cancellationToken);
        return new Snapshot(e.FeedId, e.Subject, e.Commune, e.Id, e.Source, e.Time, e.ReceivedAt, row.Value!.GetInt64("Version") ?? 1, e.EventJson);
    }

    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Guard(() => _ledger.GetEntityIfExistsAsync<TableEntity>("0", "health", select: ["PartitionKey"], cancellationToken: cancellationToken));
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);
}
