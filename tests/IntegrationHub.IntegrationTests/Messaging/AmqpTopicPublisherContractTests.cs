using IntegrationHub.IntegrationTests.Infrastructure;
using IntegrationHub.IntegrationTests.Messaging.Contract;

namespace IntegrationHub.IntegrationTests.Messaging;

/// <summary>The publisher contract on the AMQP 1.0 transport, against the shared stack's real RabbitMQ.</summary>
[Collection(StackCollection.Name)]
public sealed class AmqpTopicPublisherContractTests(SharedStackFixture fixture) : TopicPublisherContract
{
    protected override IContractTransport Transport { get; } = new AmqpContractTransport(fixture.Stack);
}
