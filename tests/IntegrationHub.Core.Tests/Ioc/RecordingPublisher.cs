using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>Keeps what it is asked to publish; <see cref="Down"/> makes it fail as a broker outage does.</summary>
public sealed class RecordingPublisher : ITopicPublisher
{
    public List<(string Topic, Amqp.Message Message)> Raw { get; } = [];

    public bool Down { get; set; }

    public Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PublishRawAsync(string topic, Amqp.Message message, CancellationToken cancellationToken)
    {
        if (Down)
        {
            throw new BrokerUnavailableException("broker down", null);
        }

        Raw.Add((topic, message));
        return Task.CompletedTask;
    }

    public Task<bool> IsAvailableAsync(CancellationToken cancellationToken) => Task.FromResult(!Down);
}
