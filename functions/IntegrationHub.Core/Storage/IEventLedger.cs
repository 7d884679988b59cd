using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>Makes accepted events durable: idempotency ledger, outbox, history, snapshot and snapshot index.</summary>
public interface IEventLedger
{
    /// <summary>Returns only when the event is durable (or was already), or throws <see cref="StorageUnavailableException"/>.</summary>
    Task<CommitOutcome> CommitAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>
    /// Commits the events of one request together: a transaction per ledger shard, then a transaction per entity partition.
    /// Returns one outcome per event, in order, once every accepted one is durable; throws <see cref="StorageUnavailableException"/>
    /// when storage cannot be reached (then nothing may be acknowledged).
    /// </summary>
    Task<IReadOnlyList<CommitOutcome>> CommitBatchAsync(IReadOnlyList<AcceptedEvent> events, CancellationToken cancellationToken);

    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
