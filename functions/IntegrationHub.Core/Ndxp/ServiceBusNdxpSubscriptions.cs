using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// The <c>ndxp</c> subscriptions on Service Bus: a <see cref="ServiceBusReceiver"/> in peek-lock mode, no prefetch (a
/// prefetched message's lock would run while it waits). Dead-lettering uses the broker's own reason and description.
/// </summary>
public sealed class ServiceBusNdxpSubscriptions(ServiceBusClient client) : INdxpSubscriptions
{
    public Task<INdxpReceiver> OpenAsync(string topic, CancellationToken cancellationToken)
    {
        var receiver = client.CreateReceiver(topic, Contracts.FeedCatalogue.NdxpSubscription, new ServiceBusReceiverOptions
        {
            ReceiveMode = ServiceBusReceiveMode.PeekLock,
            PrefetchCount = 0,
            Identifier = "integrationhub-ndxp-" + Guid.NewGuid().ToString("N")[..8],
        });
        return Task.FromResult<INdxpReceiver>(new Receiver(receiver));
    }

    private sealed class Receiver(ServiceBusReceiver receiver) : INdxpReceiver
    {
        public async Task<IReadOnlyList<NdxpMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
        {
            try
            {
                var page = await receiver.ReceiveMessagesAsync(max, wait, cancellationToken);
                return page.Select(m => new NdxpMessage(m.MessageId, m.DeliveryCount, CloudEventServiceBusMapper.ToCloudEvent(m),
                    m.EnqueuedTime == default ? null : m.EnqueuedTime, m)).ToList();
            }
            catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
            {
                throw ServiceBusFailures.Wrap("Receiving from the ndxp subscription", e);
            }
        }

        public Task CompleteAsync(NdxpMessage message, CancellationToken cancellationToken) =>
            Settle(() => receiver.CompleteMessageAsync((ServiceBusReceivedMessage)message.Handle, cancellationToken), cancellationToken);

        public Task AbandonAsync(NdxpMessage message, CancellationToken cancellationToken) =>
            Settle(() => receiver.AbandonMessageAsync((ServiceBusReceivedMessage)message.Handle, cancellationToken: cancellationToken), cancellationToken);

        public Task DeadLetterAsync(NdxpMessage message, string reason, string description, CancellationToken cancellationToken) =>
            Settle(() => receiver.DeadLetterMessageAsync((ServiceBusReceivedMessage)message.Handle, reason, description, cancellationToken), cancellationToken);

        public ValueTask DisposeAsync() => receiver.DisposeAsync();

        private static async Task Settle(Func<Task> settle, CancellationToken cancellationToken)
        {
            try
            {
                await settle();
            }
            catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
            {
                throw ServiceBusFailures.Wrap("Settling an ndxp message", e);
            }
        }
    }
}
