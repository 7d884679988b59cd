using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// Table storage adapter for the ledger, the outbox, history, snapshots and the snapshot index (docs/adr/0007).
/// A request is committed in two rounds of entity-group transactions, each round in parallel:
/// <list type="number">
/// <item>per ledger shard: the idempotency rows <c>k|hash</c> and the outbox rows <c>o|time|hash</c> (carrying the whole
/// event) of that shard's events. From here on an event cannot be lost: the relay can finish everything else.</item>
/// <item>per entity partition (bucket of a feed): the history rows, and for each entity the snapshot row and its index row,
/// when the event is the newest. Conditional writes decide: the snapshot is added (must not exist) or replaced on its ETag,
/// so many instances can write at once; the in-memory ETag cache only saves the read.</item>
/// </list>
/// After publication the outbox rows are deleted, many per transaction; their absence records the publication.
/// </summary>
public sealed class TableEventStore : IEventLedger, IOutbox, ISnapshotStore, IPoisonedEvents
{
    // A binary property holds at most 64 KiB; larger records live in Blob storage (claim check).
    public const int MaxInlineEventBytes = 60 * 1024;

    /// <summary>The index row keeps the record's data inline up to this size; a larger record is read through the snapshot endpoint.</summary>
    public const int MaxInlineDataBytes = 60 * 1024;

    private const int MaxOperations = 100;

    // Entity-group transactions carry at most 4 MiB; binary properties travel base64-encoded.
    private const long MaxTransactionBytes = 3L * 1024 * 1024;
    private const int MaxEntityAttempts = 40;
    private const int MaxCachedSnapshots = 200_000;
    private static readonly string[] SnapshotColumns = ["EventTime", "KeyHash", "ReceivedAt", "Version", "Commune"];

    private readonly TableClient _ledger;
    private readonly TableClient _entities;
    private readonly TableClient _poison;
    private readonly IEventArchive _archive;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, SnapshotState> _snapshots = new(StringComparer.Ordinal);

    public TableEventStore(TableServiceClient service, StorageOptions options, IEventArchive archive, TimeProvider clock)
    {
        _ledger = service.GetTableClient(options.TablePrefix + "Ledger");
        _entities = service.GetTableClient(options.TablePrefix + "Entities");
        _poison = service.GetTableClient(options.TablePrefix + "Poison");
        _archive = archive;
        _clock = clock;
    }

    public async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        await Guard(() => _ledger.CreateIfNotExistsAsync(cancellationToken));
        await Guard(() => _entities.CreateIfNotExistsAsync(cancellationToken));
        await Guard(() => _poison.CreateIfNotExistsAsync(cancellationToken));
    }

    public async Task<CommitOutcome> CommitAsync(AcceptedEvent accepted, CancellationToken cancellationToken) =>
        (await CommitBatchAsync([accepted], cancellationToken))[0];

    public async Task<IReadOnlyList<CommitOutcome>> CommitBatchAsync(IReadOnlyList<AcceptedEvent> events, CancellationToken cancellationToken)
    {
        var items = new Item[events.Count];
        await Task.WhenAll(events.Select(async (e, i) => items[i] = new Item(e, await InlineOrBlobAsync(e, cancellationToken))));

        await Task.WhenAll(items.GroupBy(i => TableKeys.LedgerPartition(i.Event.KeyHash), StringComparer.Ordinal)
            .Select(g => CommitLedgerShardAsync(g.Key, g.ToList(), cancellationToken)));

        // Duplicates are not written again: a first attempt interrupted after its ledger transaction left its outbox row,
        // and the relay completes it (EnsureCommittedAsync) before publishing.
        await CommitEntitiesAsync(items.Where(i => i.Outcome == CommitOutcome.Accepted).ToList(), cancellationToken);
        return items.Select(i => i.Outcome).ToArray();
    }

    public Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken) =>
        CommitEntitiesAsync([new Item(accepted, EventProperty(accepted))], cancellationToken);

    private async Task CommitLedgerShardAsync(string partition, List<Item> items, CancellationToken cancellationToken)
    {
        var pending = items;
        while (pending.Count > 0)
        {
            var conflict = false;
            foreach (var chunk in Pack(pending, i => 2, i => 2 * EncodedSize(i.Property) + 2048))
            {
                var actions = new List<TableTransactionAction>(chunk.Count * 2);
                foreach (var item in chunk)
                {
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, LedgerRow(partition, item)));
                    actions.Add(new TableTransactionAction(TableTransactionActionType.Add, OutboxRow(partition, item)));
                }

                try
                {
                    await Guard(() => _ledger.SubmitTransactionAsync(actions, cancellationToken));
                    foreach (var item in chunk)
                    {
                        item.Outcome = CommitOutcome.Accepted;
                        item.Settled = true;
                    }
                }
                catch (TableTransactionFailedException e) when (e.Status == 409)
                {
                    // Some of these keys were accepted before (a resent request, or the same event posted at the same moment):
                    // look them all up in one round, then commit the rest.
                    await ResolveExistingAsync(partition, chunk, cancellationToken);
                    conflict = true;
                    break;
                }
            }

            var left = pending.Where(i => !i.Settled).ToList();
            if (conflict && left.Count == pending.Count)
            {
                throw new InvalidOperationException($"Ledger shard {partition} refused a transaction as a conflict, but none of its keys exist.");
            }

            pending = left;
        }
    }

    private async Task ResolveExistingAsync(string partition, List<Item> chunk, CancellationToken cancellationToken)
    {
        await Task.WhenAll(chunk.Select(async item =>
        {
            var existing = await Guard(() => _ledger.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.LedgerRowKey(item.Event.KeyHash),
                select: ["ContentHash"], cancellationToken: cancellationToken));
            if (existing.HasValue)
            {
                item.Outcome = existing.Value!.GetString("ContentHash") == item.Event.ContentHash ? CommitOutcome.Duplicate : CommitOutcome.Conflict;
                item.Settled = true;
            }
        }));
    }

    private async Task CommitEntitiesAsync(List<Item> items, CancellationToken cancellationToken)
    {
        await Task.WhenAll(items.GroupBy(i => TableKeys.EntityPartition(i.Event.FeedId, i.Event.Subject), StringComparer.Ordinal)
            .Select(g => CommitEntityPartitionInRoundsAsync(g.Key, g.GroupBy(i => i.Event.Subject, StringComparer.Ordinal)
                .Select(s => Pieces(s.ToList()).ToList()).ToList(), cancellationToken)));
    }

    // One entity's events go in one transaction with its snapshot and index rows, so an entity with more events than a
    // transaction holds (a batch may carry up to the body limit of one subject) is committed in rounds, one piece per
    // entity per round, in order: each round decides its snapshot against what the previous round wrote.
    private async Task CommitEntityPartitionInRoundsAsync(string partition, List<List<EntityWork>> piecesBySubject, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var work = piecesBySubject.Where(p => round < p.Count).Select(p => p[round]).ToList();
            if (work.Count == 0)
            {
                return;
            }

            await CommitEntityPartitionAsync(partition, work, cancellationToken);
        }
    }

    /// <summary>Splits one entity's events into pieces that each fit one transaction with the snapshot and index rows.</summary>
    private static IEnumerable<EntityWork> Pieces(List<Item> items)
    {
        var subject = items[0].Event.Subject;
        var probe = new EntityWork(subject, []);
        foreach (var piece in Pack(items, _ => 1, i => EncodedSize(i.Property) * 2, MaxOperations - probe.Operations, MaxTransactionBytes - probe.Bytes))
        {
            yield return new EntityWork(subject, piece);
        }
    }

    private async Task CommitEntityPartitionAsync(string partition, List<EntityWork> work, CancellationToken cancellationToken)
    {
        for (var attempt = 0; work.Count > 0; attempt++)
        {
            if (attempt >= MaxEntityAttempts)
            {
                throw new InvalidOperationException($"Entity partition {partition} kept changing under {MaxEntityAttempts} attempts.");
            }

            foreach (var chunk in Pack(work, w => w.Operations, w => w.Bytes))
            {
                var (actions, owners) = Build(partition, chunk);
                if (actions.Count == 0)
                {
                    chunk.ForEach(w => w.Done = true);
                    continue;
                }

                try
                {
                    var response = await Guard(() => _entities.SubmitTransactionAsync(actions, cancellationToken));
                    Remember(partition, owners, response.Value);
                    chunk.ForEach(w => w.Done = true);
                }
                catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && e.FailedTransactionActionIndex is int failed && failed < owners.Count)
                {
                    var (owner, kind, item) = owners[failed];
                    switch (kind)
                    {
                        case Operation.History:
                            // Its history row exists: that event was committed before (with its snapshot decision, atomically).
                            owner.Committed.Add(item!.Event.KeyHash);
                            break;
                        case Operation.IndexDelete:
                            owner.SkipIndexDelete = true;
                            break;
                    }

                    // The snapshot moved (or the cache was wrong): read it, and after a first failure read every entity of the
                    // chunk the cache guessed, so a cold cache costs one round of reads, not one failed transaction per entity.
                    var refresh = attempt == 0 ? [owner] : chunk.Where(w => w.State is null || w == owner).ToList();
                    await Task.WhenAll(refresh.Select(w => RefreshAsync(partition, w, cancellationToken)));
                    break;
                }
            }

            work = work.Where(w => !w.Done).ToList();
        }
    }

    private (List<TableTransactionAction> Actions, List<(EntityWork Owner, Operation Kind, Item? Item)> Owners) Build(string partition, List<EntityWork> chunk)
    {
        var actions = new List<TableTransactionAction>();
        var owners = new List<(EntityWork, Operation, Item?)>();
        foreach (var w in chunk)
        {
            var items = w.Items.Where(i => !w.Committed.Contains(i.Event.KeyHash)).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var snapshotKey = TableKeys.SnapshotRowKey(w.Subject);
            var state = w.State ?? _snapshots.GetValueOrDefault(partition + "\n" + snapshotKey);
            var best = items[0];
            foreach (var item in items.Skip(1))
            {
                if (IsNewer(item.Event, best.Event.Time, best.Event.KeyHash, best.Event.ReceivedAt))
                {
                    best = item;
                }
            }

            var replaces = state is { Exists: true } s ? s.KeyHash != best.Event.KeyHash && IsNewer(best.Event, s.Time, s.KeyHash, s.ReceivedAt) : true;
            foreach (var item in items)
            {
                var history = ToEntity(partition, TableKeys.HistoryRowKey(w.Subject, item.Event.Time, item.Event.KeyHash), item.Event, item.Property);
                history["SnapshotUpdated"] = replaces && item == best;
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, history));
                owners.Add((w, Operation.History, item));
            }

            if (!replaces)
            {
                continue;
            }

            var version = state is { Exists: true } current ? current.Version + 1 : 1;
            var snapshot = ToEntity(partition, snapshotKey, best.Event, best.Property);
            snapshot["Version"] = version;
            snapshot["HistoryRowKey"] = TableKeys.HistoryRowKey(w.Subject, best.Event.Time, best.Event.KeyHash);
            actions.Add(state is { Exists: true } known
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, snapshot, known.ETag)
                : new TableTransactionAction(TableTransactionActionType.Add, snapshot));
            owners.Add((w, Operation.Snapshot, best));
            w.Written = (best, version);

            // The index row moves with the snapshot, in the same transaction: it can never point at a commune the entity left.
            if (state is { Exists: true } moved && moved.Commune != best.Event.Commune && !w.SkipIndexDelete)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete,
                    new TableEntity(partition, TableKeys.IndexRowKey(moved.Commune, w.Subject)), ETag.All));
                owners.Add((w, Operation.IndexDelete, null));
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(partition, w.Subject, best.Event, version)));
            owners.Add((w, Operation.Index, best));
        }

        return (actions, owners);
    }

    private void Remember(string partition, List<(EntityWork Owner, Operation Kind, Item? Item)> owners, IReadOnlyList<Response> responses)
    {
        if (_snapshots.Count > MaxCachedSnapshots)
        {
            _snapshots.Clear(); // a hint only: forgetting costs a read, never correctness
        }

        for (var k = 0; k < owners.Count && k < responses.Count; k++)
        {
            var (owner, kind, _) = owners[k];
            if (kind != Operation.Snapshot || owner.Written is not { } written)
            {
                continue;
            }

            var key = partition + "\n" + TableKeys.SnapshotRowKey(owner.Subject);
            if (responses[k].Headers.ETag is { } etag)
            {
                var e = written.Item.Event;
                _snapshots[key] = new SnapshotState(true, e.Time, e.KeyHash, e.ReceivedAt, written.Version, e.Commune, etag);
            }
            else
            {
                _snapshots.TryRemove(key, out _);
            }
        }
    }

    private async Task RefreshAsync(string partition, EntityWork work, CancellationToken cancellationToken)
    {
        var key = TableKeys.SnapshotRowKey(work.Subject);
        var row = await Guard(() => _entities.GetEntityIfExistsAsync<TableEntity>(partition, key, select: SnapshotColumns, cancellationToken: cancellationToken));
        work.State = row.HasValue
            ? new SnapshotState(true, row.Value!.GetDateTimeOffset("EventTime") ?? DateTimeOffset.MinValue, row.Value.GetString("KeyHash") ?? "",
                row.Value.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue, row.Value.GetInt64("Version") ?? 1, row.Value.GetString("Commune") ?? "_", row.Value.ETag)
            : SnapshotState.Absent;
        if (row.HasValue)
        {
            _snapshots[partition + "\n" + key] = work.State;
        }
        else
        {
            _snapshots.TryRemove(partition + "\n" + key, out _);
        }
    }

    /// <summary>Newer by event time; at the same event time the later arrival wins, and an event never replaces itself.</summary>
    private static bool IsNewer(AcceptedEvent candidate, DateTimeOffset time, string keyHash, DateTimeOffset receivedAt) =>
        candidate.Time != time ? candidate.Time > time : keyHash != candidate.KeyHash && candidate.ReceivedAt >= receivedAt;

    private static TableEntity LedgerRow(string partition, Item item) => new(partition, TableKeys.LedgerRowKey(item.Event.KeyHash))
    {
        ["Feed"] = item.Event.FeedId,
        ["Subject"] = item.Event.Subject,
        ["Source"] = item.Event.Source,
        ["EventId"] = item.Event.Id,
        ["ContentHash"] = item.Event.ContentHash,
        ["EventTime"] = item.Event.Time,
        ["ReceivedAt"] = item.Event.ReceivedAt,
        ["Archive"] = item.Event.ArchiveBlob,
        ["SenderAppId"] = item.Event.Sender.AppId,
    };

    private static TableEntity OutboxRow(string partition, Item item)
    {
        var row = ToEntity(partition, TableKeys.OutboxRowKey(item.Event.ReceivedAt, item.Event.KeyHash), item.Event, item.Property);
        row["Attempts"] = 0;
        row["NextAttemptAt"] = item.Event.ReceivedAt;
        return row;
    }

    private static TableEntity IndexRow(string partition, string subject, AcceptedEvent e, long version)
    {
        var row = new TableEntity(partition, TableKeys.IndexRowKey(e.Commune, subject))
        {
            ["Feed"] = e.FeedId,
            ["Subject"] = subject,
            ["Commune"] = e.Commune,
            ["EventId"] = e.Id,
            ["EventTime"] = e.Time,
            ["ReceivedAt"] = e.ReceivedAt,
            ["Version"] = version,
        };
        var data = e.DataJson ??= DataOf(e.EventJson);
        if (data is not null && data.Length <= MaxInlineDataBytes)
        {
            row["Data"] = data;
        }

        return row;
    }

    private static byte[]? DataOf(byte[] eventJson)
    {
        if (eventJson.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(eventJson);
        return document.RootElement.TryGetProperty("data", out var data) ? JsonMarshal.GetRawUtf8Value(data).ToArray() : null;
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

    private static (string Name, object Value) EventProperty(AcceptedEvent accepted) =>
        accepted.RecordBlob is null ? ("Event", accepted.EventJson) : ("RecordBlob", accepted.RecordBlob);

    private async Task<(string Name, object Value)> InlineOrBlobAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        if (accepted.EventJson.Length <= MaxInlineEventBytes)
        {
            return ("Event", accepted.EventJson);
        }

        accepted.RecordBlob ??= await _archive.StoreRecordAsync(accepted.KeyHash, accepted.EventJson, cancellationToken);
        return ("RecordBlob", accepted.RecordBlob);
    }

    private static long EncodedSize((string Name, object Value) property) => property.Value is byte[] b ? (b.Length * 4L / 3) + 1024 : 1024;

    /// <summary>Splits work into transactions of at most 100 operations and about 3 MiB.</summary>
    private static IEnumerable<List<T>> Pack<T>(IReadOnlyList<T> items, Func<T, int> operations, Func<T, long> bytes) =>
        Pack(items, operations, bytes, MaxOperations, MaxTransactionBytes);

    private static IEnumerable<List<T>> Pack<T>(IReadOnlyList<T> items, Func<T, int> operations, Func<T, long> bytes, int maxOperations, long maxBytes)
    {
        var chunk = new List<T>();
        int ops = 0;
        long size = 0;
        foreach (var item in items)
        {
            var o = operations(item);
            var b = bytes(item);
            if (chunk.Count > 0 && (ops + o > maxOperations || size + b > maxBytes))
            {
                yield return chunk;
                chunk = [];
                ops = 0;
                size = 0;
            }

            chunk.Add(item);
            ops += o;
            size += b;
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private async Task<AcceptedEvent> FromEntityAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var recordBlob = row.GetString("RecordBlob");
        var json = recordBlob is null ? row.GetBinary("Event") : await _archive.ReadRecordAsync(recordBlob, cancellationToken);
        return FromEntity(row, json, recordBlob);
    }

    private static AcceptedEvent FromEntity(TableEntity row, byte[] json, string? recordBlob) => new()
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

    public Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken) => MarkPublishedAsync([accepted], cancellationToken);

    public async Task MarkPublishedAsync(IReadOnlyCollection<AcceptedEvent> published, CancellationToken cancellationToken)
    {
        await Task.WhenAll(published.GroupBy(e => TableKeys.LedgerPartition(e.KeyHash), StringComparer.Ordinal).Select(async shard =>
        {
            var keys = shard.Select(e => TableKeys.OutboxRowKey(e.ReceivedAt, e.KeyHash)).Distinct(StringComparer.Ordinal).ToList();
            while (keys.Count > 0)
            {
                var chunk = keys.Take(MaxOperations).ToList();
                try
                {
                    await Guard(() => _ledger.SubmitTransactionAsync(
                        chunk.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(shard.Key, k), ETag.All)), cancellationToken));
                    keys.RemoveRange(0, chunk.Count);
                }
                catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex is int failed && failed < chunk.Count)
                {
                    // Already gone: another publisher of the same event (the relay of another instance) got there first.
                    keys.Remove(chunk[failed]);
                }
            }
        }));
    }

    public async Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var due = new List<OutboxEntry>();
        var end = TableKeys.OutboxRowsBefore(createdBefore);
        foreach (var partition in TableKeys.LedgerPartitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TableKeys.OutboxRowPrefix} and RowKey lt {end} and NextAttemptAt le {now}");
            var rows = await Guard(async () =>
            {
                var found = new List<TableEntity>();
                await foreach (var row in _ledger.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
                {
                    found.Add(row);
                    if (due.Count + found.Count >= max)
                    {
                        break;
                    }
                }

                return found;
            });
            foreach (var row in rows)
            {
                due.Add(await ToOutboxEntryAsync(row, now, cancellationToken));
            }

            if (due.Count >= max)
            {
                break;
            }
        }

        return due;
    }

    private async Task<OutboxEntry> ToOutboxEntryAsync(TableEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var attempts = row.GetInt32("Attempts") ?? 0;
        var created = row.GetDateTimeOffset("ReceivedAt") ?? now;
        try
        {
            return new OutboxEntry(await FromEntityAsync(row, cancellationToken), attempts, created, row.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status is >= 400 and < 500)
        {
            // The record blob is gone (or unreadable): this entry fails on its own, the others go on.
            return new OutboxEntry(FromEntity(row, [], row.GetString("RecordBlob")), attempts, created, row.ETag.ToString(),
                $"record blob {row.GetString("RecordBlob")}: {e.Status} {e.ErrorCode}");
        }
    }

    public async Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken)
    {
        var update = new TableEntity(TableKeys.LedgerPartition(entry.Event.KeyHash), TableKeys.OutboxRowKey(entry.Event.ReceivedAt, entry.Event.KeyHash))
        {
            ["Attempts"] = entry.Attempts + 1,
            ["NextAttemptAt"] = nextAttemptAt,
            ["LastError"] = Shorten(reason),
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

    public async Task<PoisonEntry> PoisonAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        var poison = new PoisonEntry(e.FeedId, e.Topic, e.KeyHash, e.Source, e.Id, e.Subject, entry.Attempts + 1, Shorten(reason), entry.CreatedAt, _clock.GetUtcNow());
        var row = new TableEntity(TableKeys.Escape(e.FeedId), e.KeyHash)
        {
            ["Feed"] = e.FeedId,
            ["Topic"] = e.Topic,
            ["Source"] = e.Source,
            ["EventId"] = e.Id,
            ["Subject"] = e.Subject,
            ["Attempts"] = poison.Attempts,
            ["Reason"] = poison.Reason,
            ["CreatedAt"] = poison.CreatedAt,
            ["PoisonedAt"] = poison.PoisonedAt,
            ["OutboxRowKey"] = TableKeys.OutboxRowKey(e.ReceivedAt, e.KeyHash),
            ["Archive"] = e.ArchiveBlob,
        };
        if (e.RecordBlob is not null)
        {
            row["RecordBlob"] = e.RecordBlob;
        }
        else if (e.EventJson.Length is > 0 and <= MaxInlineEventBytes)
        {
            row["Event"] = e.EventJson;
        }

        // Kept first, removed second: a crash in between leaves the entry in both places, never in neither.
        await Guard(() => _poison.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
        try
        {
            await Guard(() => _ledger.DeleteEntityAsync(TableKeys.LedgerPartition(e.KeyHash), TableKeys.OutboxRowKey(e.ReceivedAt, e.KeyHash),
                new ETag(entry.ETag), cancellationToken));
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Published or rescheduled meanwhile by another worker; the poison row stays as the record of the failures.
        }

        return poison;
    }

    public async Task<IReadOnlyList<PoisonEntry>> ListAsync(string? topic, int max, CancellationToken cancellationToken)
    {
        var list = new List<PoisonEntry>();
        var filter = topic is null ? null : TableClient.CreateQueryFilter($"Topic eq {topic}");
        await Guard(async () =>
        {
            await foreach (var row in _poison.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000),
                select: ["RowKey", "Feed", "Topic", "Source", "EventId", "Subject", "Attempts", "Reason", "CreatedAt", "PoisonedAt"], cancellationToken: cancellationToken))
            {
                list.Add(new PoisonEntry(row.GetString("Feed"), row.GetString("Topic"), row.RowKey, row.GetString("Source"), row.GetString("EventId"),
                    row.GetString("Subject"), row.GetInt32("Attempts") ?? 0, row.GetString("Reason"), row.GetDateTimeOffset("CreatedAt") ?? default,
                    row.GetDateTimeOffset("PoisonedAt") ?? default));
                if (list.Count >= max)
                {
                    break;
                }
            }

            return 0;
        });
        return list;
    }

    public async Task<bool> IsPendingAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        var row = await Guard(() => _ledger.GetEntityIfExistsAsync<TableEntity>(TableKeys.LedgerPartition(accepted.KeyHash),
            TableKeys.OutboxRowKey(accepted.ReceivedAt, accepted.KeyHash), select: ["RowKey"], cancellationToken: cancellationToken));
        return row.HasValue;
    }

    public async Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        var count = 0;
        DateTimeOffset? oldest = null;
        foreach (var partition in TableKeys.LedgerPartitions)
        {
            // The outbox rows' own key range: pending entries only, never the (permanent) ledger rows.
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TableKeys.OutboxRowPrefix} and RowKey lt {TableKeys.OutboxRowsEnd}");
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
        var row = await Guard(() => _entities.GetEntityIfExistsAsync<TableEntity>(TableKeys.EntityPartition(feedId, subject), TableKeys.SnapshotRowKey(subject),
            cancellationToken: cancellationToken));
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

    private static string Shorten(string reason) => reason.Length <= 500 ? reason : reason[..499] + "…";

    private static Task<T> Guard<T>(Func<Task<T>> call) => StorageGuard.RunAsync("Table", call);

    private enum Operation
    {
        History,
        Snapshot,
        IndexDelete,
        Index,
    }

    private sealed class Item(AcceptedEvent accepted, (string Name, object Value) property)
    {
        public AcceptedEvent Event { get; } = accepted;
        public (string Name, object Value) Property { get; } = property;
        public CommitOutcome Outcome { get; set; }
        public bool Settled { get; set; }
    }

    private sealed class EntityWork(string subject, List<Item> items)
    {
        public string Subject { get; } = subject;
        public List<Item> Items { get; } = items;
        public HashSet<string> Committed { get; } = new(StringComparer.Ordinal);

        /// <summary>Read from storage in this commit (authoritative for the next attempt); null: use the cache's guess.</summary>
        public SnapshotState? State { get; set; }

        public bool SkipIndexDelete { get; set; }
        public bool Done { get; set; }
        public (Item Item, long Version)? Written { get; set; }
        public int Operations => Items.Count + 3;
        public long Bytes => Items.Sum(i => EncodedSize(i.Property)) * 2 + 4096;
    }

    private sealed record SnapshotState(bool Exists, DateTimeOffset Time, string KeyHash, DateTimeOffset ReceivedAt, long Version, string Commune, ETag ETag)
    {
        public static readonly SnapshotState Absent = new(false, default, "", default, 0, "", default);
    }
}
