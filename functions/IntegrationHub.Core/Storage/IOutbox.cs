using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>The events still to publish; the relay finishes what the fast path could not.</summary>
public interface IOutbox
{
    /// <summary>Removes the event from the outbox: its removal is the record that it was published.</summary>
    Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>Removes many published events at once: one transaction per ledger shard (up to 100 rows each).</summary>
    Task MarkPublishedAsync(IReadOnlyCollection<AcceptedEvent> published, CancellationToken cancellationToken);

    /// <summary>
    /// Entries of requests that arrived before <paramref name="createdBefore"/> whose next attempt is due: a row-key range per
    /// ledger shard (outbox rows are keyed by arrival time), so younger entries and ledger rows are never read.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, string reason, CancellationToken cancellationToken);

    /// <summary>Moves an entry that failed too often to the poison table, out of the relay's way.</summary>
    Task<PoisonEntry> PoisonAsync(OutboxEntry entry, string reason, CancellationToken cancellationToken);

    /// <summary>Whether the event is still in the outbox (the fast path may have published it since the entry was read).</summary>
    Task<bool> IsPendingAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken);

    /// <summary>Makes sure the entry's history, snapshot and index rows exist (a crash may have come between the two commits).</summary>
    Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);
}
