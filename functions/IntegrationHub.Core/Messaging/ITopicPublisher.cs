using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// Publishes accepted events to their feed's topic; returns once the broker has accepted the message. One port, two
/// transports (<see cref="AmqpTopicPublisher"/>, <see cref="ServiceBus.ServiceBusTopicPublisher"/>), held to the same
/// contract by one test suite. Every broker failure surfaces as <see cref="BrokerUnavailableException"/>.
/// </summary>
public interface ITopicPublisher
{
    Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes several events; returns once the broker has accepted all of them. On failure some may have been published
    /// already (at-least-once, as for single sends: message ids are stable, so a retry is a harmless duplicate).
    /// </summary>
    Task PublishBatchAsync(IReadOnlyList<AcceptedEvent> events, CancellationToken cancellationToken) =>
        Task.WhenAll(events.Select(e => PublishAsync(e, cancellationToken)));

    /// <summary>
    /// Publishes an event the hub itself raises (e.g. a freshness alert) to <paramref name="topic"/>. The message is built
    /// in the AMQP model (the CloudEvents AMQP binding); the Service Bus transport carries its properties, application
    /// properties, partition key and Data body over unchanged.
    /// </summary>
    Task PublishRawAsync(string topic, Amqp.Message message, CancellationToken cancellationToken);

    Task<bool> IsAvailableAsync(CancellationToken cancellationToken);
}
