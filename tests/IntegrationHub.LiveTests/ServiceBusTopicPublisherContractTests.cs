using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.ServiceBus;
using IntegrationHub.IntegrationTests.Messaging.Contract;

namespace IntegrationHub.LiveTests;

/// <summary>
/// The publisher contract on the Service Bus transport, against a real namespace with the topology of infra/main.bicep
/// (the SDK cannot talk to RabbitMQ, and no emulator runs here, so this is the only place the adapter meets a broker).
/// </summary>
public sealed class ServiceBusTopicPublisherContractTests : TopicPublisherContract, IAsyncLifetime
{
    private readonly ServiceBusContractTransport _transport = new();

    protected override IContractTransport Transport => _transport;

    /// <summary>The namespace must have the land topic, both subscriptions and their replay rules, or the replay test proves nothing.</summary>
    public async Task InitializeAsync()
    {
        var land = new MessagingTopology([new TopicDefinition(ContractEvents.Topic, "land.parcel-record", ["ioc", "ndxp"])]);
        var problems = await ServiceBusTopology.FindProblemsAsync(land, LiveServiceBus.Administration(), CancellationToken.None);
        Assert.True(problems.Count == 0, "The namespace does not have the hub's topology (deploy infra/main.bicep): " + string.Join("; ", problems));
    }

    public async Task DisposeAsync() => await _transport.DisposeAsync();
}
