using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>The events still to publish; the relay finishes what the fast path could not.</summary>
public interface IOutbox
{
    /// <summary>Records on the history row that the event was published and removes it from the outbox.</summary>
    Task MarkPublishedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>Entries created before <paramref name="createdBefore"/> whose next attempt is due.</summary>
    Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset createdBefore, DateTimeOffset now, int max, CancellationToken cancellationToken);

    Task RecordFailureAsync(OutboxEntry entry, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken);

    Task<OutboxSummary> SummaryAsync(CancellationToken cancellationToken);

    /// <summary>Makes sure the entry's history and snapshot rows exist (a crash may have come between the two commits).</summary>
    Task EnsureCommittedAsync(AcceptedEvent accepted, CancellationToken cancellationToken);
}
