using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>Makes an accepted event durable: idempotency ledger, outbox, history and snapshot.</summary>
public interface IEventLedger
{
    /// <summary>Returns only when the event is durable (or was already), or throws <see cref="StorageUnavailableException"/>.</summary>
    Task<CommitOutcome> CommitAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
