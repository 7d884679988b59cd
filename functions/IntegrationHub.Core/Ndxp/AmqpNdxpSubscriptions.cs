using System.Net.Sockets;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.ServiceBus;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// The <c>ndxp</c> subscriptions over generic AMQP 1.0 (RabbitMQ's quorum queues <c>&lt;topic&gt;.ndxp</c>). Each receiver
/// has its own connection, closed on dispose: unsettled messages then return to the queue by themselves.
/// </summary>
/// <remarks>
/// Dead-lettering sends a copy carrying <c>DeadLetterReason</c> and <c>DeadLetterErrorDescription</c> (the Service Bus
/// names, which the dead-letter listing reads) to <c>&lt;topic&gt;.ndxp.dlq</c>, then accepts the original: RabbitMQ's
/// own rejection would record no reason. A failure between the two leaves the message in both queues, never in neither.
/// </remarks>
public sealed class AmqpNdxpSubscriptions(MessagingOptions options) : INdxpSubscriptions
{
    public async Task<INdxpReceiver> OpenAsync(string topic, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = "integrationhub-ndxp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            var connection = await factory.CreateAsync(new Address(options.Endpoint)).WaitAsync(options.SendTimeout, cancellationToken);
            var session = new Session(connection);
            var receiver = new ReceiverLink(session, "hub-ndxp-" + Guid.NewGuid().ToString("N")[..8], options.ReceiveAddress(topic, Contracts.FeedCatalogue.NdxpSubscription));
            var deadLetters = new SenderLink(session, "hub-ndxp-dlq-" + Guid.NewGuid().ToString("N")[..8],
                new Attach
                {
                    Target = new Target { Address = options.DeadLetterAddress(topic, Contracts.FeedCatalogue.NdxpSubscription), Durable = 1 },
                    Source = new Source(),
                    SndSettleMode = SenderSettleMode.Unsettled,
                }, null);
            return new Receiver(connection, receiver, deadLetters, options.SendTimeout);
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or SocketException or IOException or ObjectDisposedException)
        {
            throw new BrokerUnavailableException($"Cannot open the ndxp subscription of {topic}: {e.Message}", e);
        }
    }

    /// <summary>The CloudEvent a hub message carries: its <c>cloudEvents:</c> properties, content type and Data section.</summary>
    public static ReceivedCloudEvent ToCloudEvent(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attributes = new Dictionary<string, object>(StringComparer.Ordinal);
        if (message.ApplicationProperties is { } properties)
        {
            foreach (var (key, value) in properties.Map)
            {
                var text = key?.ToString() ?? "";
                var name = text.StartsWith(CloudEventAmqpMapper.Prefix, StringComparison.Ordinal) ? text[CloudEventAmqpMapper.Prefix.Length..]
                    : text.StartsWith(CloudEventAmqpMapper.AlternatePrefix, StringComparison.Ordinal) ? text[CloudEventAmqpMapper.AlternatePrefix.Length..]
                    : null;
                if (name is { Length: > 0 } && value is not null)
                {
                    attributes.TryAdd(name, value is Symbol symbol ? symbol.ToString() : value);
                }
            }
        }

        if (message.Properties?.ContentType is { } contentType && contentType.ToString() is { Length: > 0 } type)
        {
            attributes["datacontenttype"] = type;
        }

        var data = message.BodySection is Data { Binary: { } binary } ? binary : [];
        return new ReceivedCloudEvent(attributes, data);
    }

    /// <summary>
    /// Deliveries the broker reports for a message, this one included: AMQP's <c>delivery-count</c> counts the failed ones
    /// before. RabbitMQ 3.10 leaves it at 0 on redeliveries from a quorum queue and sets only <c>first-acquirer</c> false, so
    /// 0 on a message not first acquired means "unknown" (null), and the delivery records count instead.
    /// </summary>
    public static int? BrokerDeliveryCount(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Header is not { } header)
        {
            return null;
        }

        return header.DeliveryCount > 0 ? (int)header.DeliveryCount + 1 : header.FirstAcquirer ? 1 : null;
    }

    private sealed class Receiver(Connection connection, ReceiverLink receiver, SenderLink deadLetters, TimeSpan sendTimeout) : INdxpReceiver
    {
        private static readonly Symbol EnqueuedTime = new("x-opt-enqueued-time");
        private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(200);

        public async Task<IReadOnlyList<NdxpMessage>> ReceiveAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
        {
            var messages = new List<NdxpMessage>();
            try
            {
                receiver.SetCredit(max, autoRestore: false);
                while (messages.Count < max && !cancellationToken.IsCancellationRequested
                    && await receiver.ReceiveAsync(messages.Count == 0 ? wait : IdleWait) is { } message)
                {
                    object? enqueued = null;
                    message.MessageAnnotations?.Map.TryGetValue(EnqueuedTime, out enqueued);
                    messages.Add(new NdxpMessage(message.Properties?.MessageId, BrokerDeliveryCount(message), ToCloudEvent(message),
                        DeadLetters.Instant(enqueued), message));
                }
            }
            catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                if (messages.Count == 0)
                {
                    throw new BrokerUnavailableException($"Receiving from the ndxp subscription failed: {e.Message}", e);
                }
            }

            return messages;
        }

        public Task CompleteAsync(NdxpMessage message, CancellationToken cancellationToken) => Settle(() => receiver.Accept((Message)message.Handle));

        public Task AbandonAsync(NdxpMessage message, CancellationToken cancellationToken) => Settle(() => receiver.Release((Message)message.Handle));

        public async Task DeadLetterAsync(NdxpMessage message, string reason, string description, CancellationToken cancellationToken)
        {
            var original = (Message)message.Handle;
            var copy = AmqpDeadLetterQueue.ReplayMessage(original);
            copy.ApplicationProperties["DeadLetterReason"] = reason;
            copy.ApplicationProperties["DeadLetterErrorDescription"] = description;
            try
            {
                // The copy first: if the hub dies before the accept, the message is in both queues, never in neither.
                await deadLetters.SendAsync(copy, sendTimeout);
            }
            catch (Exception e) when (e is AmqpException or TimeoutException or ObjectDisposedException)
            {
                throw new BrokerUnavailableException($"Dead-lettering failed: {e.Message}", e);
            }

            await Settle(() => receiver.Accept(original));
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await connection.CloseAsync();
            }
            catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException or IOException or TimeoutException)
            {
                // Already broken: the broker returns what was unsettled by itself.
            }
        }

        private static Task Settle(Action settle)
        {
            try
            {
                settle();
                return Task.CompletedTask;
            }
            catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                throw new BrokerUnavailableException($"Settling a message failed: {e.Message}", e);
            }
        }
    }
}
