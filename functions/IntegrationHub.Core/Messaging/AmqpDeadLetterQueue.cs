using System.Net.Sockets;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// Dead letters over generic AMQP 1.0 (RabbitMQ): list what a subscription's dead-letter queue holds without losing it,
/// and replay chosen messages back to that one subscription. Each call opens its own short AMQP connection (admin calls
/// are rare, and the publisher's connection stays for publishing).
/// </summary>
/// <remarks>
/// <para>Listing receives the messages unsettled and then releases every one of them, so they stay in the queue; if the
/// hub dies mid-listing the broker returns them when the link drops. While a listing holds them, a concurrent replay
/// does not see them.</para>
/// <para>Replay sends a copy straight into the subscription's queue, <c>/amq/queue/&lt;topic&gt;.&lt;subscription&gt;</c>,
/// unchanged (same message id), and removes the dead-lettered message only once the broker has accepted the copy: a
/// failure in between leaves a duplicate (same message id, harmless downstream), never a loss.</para>
/// </remarks>
public sealed partial class AmqpDeadLetterQueue(MessagingOptions options, ILogger<AmqpDeadLetterQueue> logger) : IDeadLetterQueue
{
    private static readonly Symbol EnqueuedTime = new("x-opt-enqueued-time");

    // The first message of a queue can take a moment to arrive; after that, a pause this long means the queue is empty.
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(500);

    public Task<IReadOnlyList<DeadLettersItem>> ListAsync(string topic, string subscription, int max, CancellationToken cancellationToken) =>
        WithConnectionAsync<IReadOnlyList<DeadLettersItem>>(async session =>
        {
            var receiver = OpenReceiver(session, options.DeadLetterAddress(topic, subscription), max);
            var held = new List<Message>();
            try
            {
                var wait = FirstWait;
                while (held.Count < max && await receiver.ReceiveAsync(wait) is { } message)
                {
                    held.Add(message);
                    wait = IdleWait;
                }

                return held.Select(Describe).ToList();
            }
            finally
            {
                await ReleaseAndCloseAsync(receiver, held);
            }
        }, cancellationToken);

    public Task<DeadLettersReplay> ReplayAsync(string topic, string subscription, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(messageIds, StringComparer.Ordinal);
        return WithConnectionAsync(async session =>
        {
            var receiver = OpenReceiver(session, options.DeadLetterAddress(topic, subscription), 100);
            var target = ReplayAddress(options, topic, subscription);
            var sender = new SenderLink(session, "hub-replay-" + Guid.NewGuid().ToString("N")[..8],
                new Attach { Target = new Target { Address = target, Durable = 1 }, Source = new Source(), SndSettleMode = SenderSettleMode.Unsettled }, null);
            var held = new List<Message>();
            var replayed = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                var wait = FirstWait;
                for (var scanned = 0; scanned < DeadLetters.MaxScanned && await receiver.ReceiveAsync(wait) is { } message; scanned++)
                {
                    wait = IdleWait;
                    held.Add(message);
                    if (message.Properties?.MessageId is not { } id || !wanted.Contains(id))
                    {
                        continue;
                    }

                    // The copy first: if the hub dies before the accept below, the message is in both places, never in neither.
                    await sender.SendAsync(ReplayMessage(message), options.SendTimeout);
                    receiver.Accept(message);
                    held.RemoveAt(held.Count - 1);
                    replayed.Add(id);
                }
            }
            finally
            {
                await CloseQuietlyAsync(sender);
                await ReleaseAndCloseAsync(receiver, held);
            }

            LogReplayed(logger, topic, subscription, replayed.Count, wanted.Count - replayed.Count);
            return DeadLetters.Outcome(messageIds, replayed);
        }, cancellationToken);
    }

    /// <summary>Where a replay of a subscription's message is sent: straight into the subscription's own queue.</summary>
    public static string ReplayAddress(MessagingOptions options, string topic, string subscription) => options.ReceiveAddress(topic, subscription);

    /// <summary>The copy of a dead-lettered message that a replay sends: the same message id, properties and body, durable.</summary>
    public static Message ReplayMessage(Message deadLettered)
    {
        ArgumentNullException.ThrowIfNull(deadLettered);
        var original = deadLettered.Properties ?? new Properties();
        var applicationProperties = new ApplicationProperties();
        if (deadLettered.ApplicationProperties is { } source)
        {
            foreach (var (key, value) in source.Map)
            {
                if (key is string name && !DeadLetters.BrokerProperties.Contains(name))
                {
                    applicationProperties[name] = value;
                }
            }
        }

        return new Message
        {
            Header = new Header { Durable = true },
            Properties = new Properties
            {
                MessageId = original.MessageId,
                Subject = original.Subject,
                ContentType = original.ContentType,
                ContentEncoding = original.ContentEncoding,
                CreationTime = original.CreationTime,
                CorrelationId = original.CorrelationId,
            },
            ApplicationProperties = applicationProperties,
            BodySection = deadLettered.BodySection,
        };
    }

    private static DeadLettersItem Describe(Message message)
    {
        object? enqueued = null;
        message.MessageAnnotations?.Map.TryGetValue(EnqueuedTime, out enqueued);
        object? reason = null;
        message.ApplicationProperties?.Map.TryGetValue("DeadLetterReason", out reason);
        return new DeadLettersItem(
            message.Properties?.MessageId,
            CloudEventAmqpMapper.Attribute(message, "id") as string,
            CloudEventAmqpMapper.Attribute(message, "source") as string,
            CloudEventAmqpMapper.Attribute(message, "type") as string,
            message.Properties?.Subject ?? CloudEventAmqpMapper.Attribute(message, "subject") as string,
            DeadLetters.Instant(CloudEventAmqpMapper.Attribute(message, "time")),
            DeadLetters.Instant(enqueued),
            message.Header?.DeliveryCount ?? 0,
            reason as string);
    }

    private static ReceiverLink OpenReceiver(Session session, string address, int credit)
    {
        var receiver = new ReceiverLink(session, "hub-deadletters-" + Guid.NewGuid().ToString("N")[..8], address);
        receiver.SetCredit(credit, autoRestore: true);
        return receiver;
    }

    private async Task<T> WithConnectionAsync<T>(Func<Session, Task<T>> work, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = "integrationhub-admin-" + Guid.NewGuid().ToString("N")[..8];
        Connection connection;
        try
        {
            connection = await factory.CreateAsync(new Address(options.Endpoint)).WaitAsync(options.SendTimeout, cancellationToken);
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or SocketException or IOException or ObjectDisposedException)
        {
            throw new BrokerUnavailableException($"Cannot connect to the broker: {e.Message}", e);
        }

        try
        {
            return await work(new Session(connection));
        }
        catch (Exception e) when (e is AmqpException or TimeoutException or ObjectDisposedException or InvalidOperationException)
        {
            throw new BrokerUnavailableException($"The broker failed a dead-letter operation: {e.Message}", e);
        }
        finally
        {
            await CloseQuietlyAsync(connection);
        }
    }

    private static async Task ReleaseAndCloseAsync(ReceiverLink receiver, List<Message> held)
    {
        foreach (var message in held)
        {
            try
            {
                receiver.Release(message);
            }
            catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException)
            {
                // The link is gone: the broker returns unsettled messages to the queue by itself.
                break;
            }
        }

        await CloseQuietlyAsync(receiver);
    }

    private static async Task CloseQuietlyAsync(AmqpObject amqpObject)
    {
        try
        {
            await amqpObject.CloseAsync();
        }
        catch (Exception e) when (e is AmqpException or ObjectDisposedException or InvalidOperationException or IOException or TimeoutException)
        {
            // Already broken; nothing to tell anyone.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Replayed} dead-lettered messages of {Topic}/{Subscription}; {Missing} requested ids not found")]
    private static partial void LogReplayed(ILogger logger, string topic, string subscription, int replayed, int missing);
}
