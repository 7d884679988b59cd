using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>The events still to publish; the relay finishes what the fast path could not.</summary>
public interface IOutbox
{
    /// <summary>Records on the history row that the event was published and removes it from the outbox.</summary>
    Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>
    /// Entries written before <paramref name="createdBefore"/> (by the storage's clock: committed, or last rescheduled) whose next
    /// attempt is due. The commit time, not the request's arrival: a request that took long to commit must not have its events
    /// taken from under the fast path.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    /// <summary>Whether the event is still in the outbox (the fast path may have published it since the entry was read).</summary>
    Task<bool> IsPendingAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken);

    /// <summary>Makes sure the entry's history and snapshot rows exist (a crash may have come between the two commits).</summary>
    Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);
}
