using System.Globalization;
using System.Net.Sockets;
using Amqp;
using Amqp.Framing;
using Amqp.Types;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging;

/// <summary>
/// The operators' view of a subscription's dead-letter queue: list what is there without losing it, and replay chosen
/// messages back to that one subscription. Each call opens its own short AMQP connection (admin calls are rare, and the
/// publisher's connection stays for publishing).
/// </summary>
/// <remarks>
/// <para>Listing receives the messages unsettled and then releases every one of them, so they stay in the queue; if the
/// hub dies mid-listing the broker returns them when the link drops. While a listing holds them, a concurrent replay
/// does not see them.</para>
/// <para>Replay sends a copy first and removes the dead-lettered message only once the broker has accepted the copy: a
/// failure in between leaves a duplicate (same message id, harmless downstream), never a loss. Where the copy goes:</para>
/// <list type="bullet">
/// <item>RabbitMQ: straight into the subscription's queue, <c>/amq/queue/&lt;topic&gt;.&lt;subscription&gt;</c>, with the
/// original message id.</item>
/// <item>Service Bus cannot send to one subscription, so the copy goes to the topic with the application property
/// <see cref="ReplayToProperty"/> = the subscription, which each subscription's rule must use to take only its own
/// replays (<c>hub_replay_to IS NULL OR hub_replay_to = '&lt;subscription&gt;'</c>). The topic's duplicate detection
/// would drop a copy bearing the original message id within its window, so the copy's message id is
/// <c>&lt;original&gt;/replay/&lt;UTC time&gt;</c> and its correlation id the original message id; consumers keep
/// deduplicating on the CloudEvents source and id (or the correlation id).</item>
/// </list>
/// </remarks>
public sealed partial class DeadLetters(MessagingOptions options, IAmqpConnectionAuthorizer authorizer, TimeProvider clock, ILogger<DeadLetters> logger)
{
    /// <summary>The application property naming the subscription a Service Bus replay is meant for.</summary>
    public const string ReplayToProperty = "hub_replay_to";

    /// <summary>Most messages one listing returns.</summary>
    public const int MaxListed = 1000;

    /// <summary>Most dead-lettered messages one replay looks through.</summary>
    public const int MaxScanned = 5000;

    // Service Bus's own dead-letter bookkeeping; a replayed copy starts clean.
    private static readonly HashSet<string> BrokerProperties = new(StringComparer.Ordinal) { "DeadLetterReason", "DeadLetterErrorDescription", ReplayToProperty };
    private static readonly Symbol EnqueuedTime = new("x-opt-enqueued-time");
    private static readonly Symbol PartitionKey = new("x-opt-partition-key");

    // The first message of a queue can take a moment to arrive; after that, a pause this long means the queue is empty.
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(500);

    /// <summary>Up to <paramref name="max"/> messages of the subscription's dead-letter queue, left in the queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached or refused the link.</exception>
    public Task<IReadOnlyList<DeadLettersItem>> ListAsync(string topic, string subscription, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, MaxListed);
        return WithConnectionAsync<IReadOnlyList<DeadLettersItem>>(async (connection, session) =>
        {
            var receiver = await OpenReceiverAsync(connection, session, options.DeadLetterAddress(topic, subscription), max, cancellationToken);
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
    }

    /// <summary>Sends the dead-lettered messages with the given ids back to the subscription and removes them from its dead-letter queue.</summary>
    /// <exception cref="BrokerUnavailableException">The broker cannot be reached, refused a link or refused a copy.</exception>
    public Task<DeadLettersReplay> ReplayAsync(string topic, string subscription, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(messageIds, StringComparer.Ordinal);
        return WithConnectionAsync(async (connection, session) =>
        {
            var receiver = await OpenReceiverAsync(connection, session, options.DeadLetterAddress(topic, subscription), 100, cancellationToken);
            var target = ReplayAddress(options, topic, subscription);
            await authorizer.AuthorizeAsync(connection, target, cancellationToken);
            var sender = new SenderLink(session, "hub-replay-" + Guid.NewGuid().ToString("N")[..8],
                new Attach { Target = new Target { Address = target, Durable = 1 }, Source = new Source(), SndSettleMode = SenderSettleMode.Unsettled }, null);
            var held = new List<Message>();
            var replayed = new HashSet<string>(StringComparer.Ordinal);
            try
            {
                var wait = FirstWait;
                for (var scanned = 0; scanned < MaxScanned && await receiver.ReceiveAsync(wait) is { } message; scanned++)
                {
                    wait = IdleWait;
                    held.Add(message);
                    if (message.Properties?.MessageId is not { } id || !wanted.Contains(id))
                    {
                        continue;
                    }

                    // The copy first: if the hub dies before the accept below, the message is in both places, never in neither.
                    await sender.SendAsync(ReplayMessage(options, subscription, message, clock.GetUtcNow()), options.SendTimeout);
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
            var ordered = messageIds.Distinct(StringComparer.Ordinal).ToList();
            return new DeadLettersReplay(ordered.Where(replayed.Contains).ToList(), ordered.Where(id => !replayed.Contains(id)).ToList());
        }, cancellationToken);
    }

    /// <summary>Where a replay of a subscription's message is sent: its queue on RabbitMQ, its topic on Service Bus.</summary>
    public static string ReplayAddress(MessagingOptions options, string topic, string subscription) =>
        options.IsServiceBus ? options.SendAddress(topic) : options.ReceiveAddress(topic, subscription);

    /// <summary>The copy of a dead-lettered message that a replay sends (see the class remarks for what differs on Service Bus).</summary>
    public static Message ReplayMessage(MessagingOptions options, string subscription, Message deadLettered, DateTimeOffset now)
    {
        var original = deadLettered.Properties ?? new Properties();
        var properties = new Properties
        {
            MessageId = original.MessageId,
            Subject = original.Subject,
            ContentType = original.ContentType,
            ContentEncoding = original.ContentEncoding,
            CreationTime = original.CreationTime,
            CorrelationId = original.CorrelationId,
        };
        var applicationProperties = new ApplicationProperties();
        if (deadLettered.ApplicationProperties is { } source)
        {
            foreach (var (key, value) in source.Map)
            {
                if (key is string name && !BrokerProperties.Contains(name))
                {
                    applicationProperties[name] = value;
                }
            }
        }

        var copy = new Message
        {
            Header = new Header { Durable = true },
            Properties = properties,
            ApplicationProperties = applicationProperties,
            BodySection = deadLettered.BodySection,
        };
        if (options.IsServiceBus)
        {
            properties.MessageId = original.MessageId + "/replay/" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
            properties.CorrelationId = original.MessageId;
            applicationProperties[ReplayToProperty] = subscription;
            if (deadLettered.MessageAnnotations?.Map.TryGetValue(PartitionKey, out var partitionKey) == true)
            {
                copy.MessageAnnotations = new MessageAnnotations { [PartitionKey] = partitionKey };
            }
        }

        return copy;
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
            Instant(CloudEventAmqpMapper.Attribute(message, "time")),
            Instant(enqueued),
            message.Header?.DeliveryCount ?? 0,
            reason as string);
    }

    private static DateTimeOffset? Instant(object? value) => value switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        string text when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) => parsed,
        _ => null,
    };

    private async Task<ReceiverLink> OpenReceiverAsync(Connection connection, Session session, string address, int credit, CancellationToken cancellationToken)
    {
        await authorizer.AuthorizeAsync(connection, address, cancellationToken);
        var receiver = new ReceiverLink(session, "hub-deadletters-" + Guid.NewGuid().ToString("N")[..8], address);
        receiver.SetCredit(credit, autoRestore: true);
        return receiver;
    }

    private async Task<T> WithConnectionAsync<T>(Func<Connection, Session, Task<T>> work, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory();
        factory.AMQP.ContainerId = "integrationhub-admin-" + Guid.NewGuid().ToString("N")[..8];
        authorizer.ConfigureFactory(factory);
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
            return await work(connection, new Session(connection));
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
