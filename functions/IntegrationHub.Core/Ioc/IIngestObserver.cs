using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Ioc;

/// <summary>Told what became of every request's events, after they are durable; it must not fail the request.</summary>
public interface IIngestObserver
{
    /// <param name="accepted">The events newly accepted by this request (not duplicates), as stored.</param>
    Task ObserveAsync(string feedId, DateTimeOffset receivedAt, IReadOnlyList<EventResult> results, IReadOnlyList<AcceptedEvent> accepted,
        CancellationToken cancellationToken);
}
