using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Messaging;

/// <summary>Publishes accepted events to their feed's topic; returns once the broker has accepted the message.</summary>
public interface ITopicPublisher
{
    Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>Publishes an event the hub itself raises (e.g. a freshness alert) to <paramref name="topic"/>.</summary>
    Task PublishRawAsync(string topic, Amqp.Message message, CancellationToken cancellationToken);

    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
