using System.Globalization;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// Dead letters on Service Bus, through receivers on the subscription's dead-letter sub-queue
/// (<c>&lt;topic&gt;/Subscriptions/&lt;subscription&gt;/$DeadLetterQueue</c>).
/// </summary>
/// <remarks>
/// <para>Listing peeks: nothing is locked, received or counted as a delivery, so a listing can never lose a message and
/// never hides one from a concurrent replay.</para>
/// <para>Replay receives in peek-lock mode, sends the copy to the topic (a client cannot send to one subscription) and
/// completes the dead-lettered message only once the copy is accepted; messages it was not asked for are abandoned
/// (their lock released). The copy carries <see cref="DeadLetters.ReplayToProperty"/> = the subscription, which each
/// subscription's SQL rule uses to take only its own replays, and a new message id (the topic's duplicate detection
/// would drop the original id) with the original id as correlation id.</para>
/// </remarks>
public sealed partial class ServiceBusDeadLetterQueue(ServiceBusClient client, TimeProvider clock, ILogger<ServiceBusDeadLetterQueue> logger)
    : IDeadLetterQueue
{
    // A dead-letter queue with messages answers within a second; a longer silence means it is empty.
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(2);

    public async Task<IReadOnlyList<DeadLettersItem>> ListAsync(string topic, string subscription, int max, CancellationToken cancellationToken)
    {
        await using var receiver = DeadLetterReceiver(topic, subscription, ServiceBusReceiveMode.PeekLock);
        var items = new List<DeadLettersItem>();
        try
        {
            long? from = null;
            while (items.Count < max)
            {
                var page = await receiver.PeekMessagesAsync(max - items.Count, from, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                items.AddRange(page.Select(Describe));
                from = page[^1].SequenceNumber + 1;
            }
        }
        catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
        {
            throw ServiceBusFailures.Wrap($"Listing the dead letters of {topic}/{subscription}", e);
        }

        return items;
    }

    public async Task<DeadLettersReplay> ReplayAsync(string topic, string subscription, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(messageIds, StringComparer.Ordinal);
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        var held = new List<ServiceBusReceivedMessage>();
        await using var receiver = DeadLetterReceiver(topic, subscription, ServiceBusReceiveMode.PeekLock);
        await using var sender = client.CreateSender(topic);
        try
        {
            var scanned = 0;
            while (scanned < DeadLetters.MaxScanned && replayed.Count < wanted.Count)
            {
                var page = await receiver.ReceiveMessagesAsync(Math.Min(100, DeadLetters.MaxScanned - scanned), ReceiveWait, cancellationToken);
                if (page.Count == 0)
                {
                    break;
                }

                scanned += page.Count;
                foreach (var message in page)
                {
                    if (message.MessageId is not { } id || !wanted.Contains(id))
                    {
                        held.Add(message);
                        continue;
                    }

                    // The copy first: if the hub dies before the completion, the message is in both places, never in neither.
                    await sender.SendMessageAsync(ReplayMessage(message, subscription, clock.GetUtcNow()), cancellationToken);
                    await receiver.CompleteMessageAsync(message, cancellationToken);
                    replayed.Add(id);
                }
            }
        }
        catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
        {
            throw ServiceBusFailures.Wrap($"Replaying dead letters of {topic}/{subscription}", e);
        }
        finally
        {
            await AbandonQuietlyAsync(receiver, held);
        }

        LogReplayed(logger, topic, subscription, replayed.Count, wanted.Count - replayed.Count);
        return DeadLetters.Outcome(messageIds, replayed);
    }

    /// <summary>
    /// The copy a replay sends to the topic: body, subject, content type, partition key and CloudEvents properties as
    /// dead-lettered; the dead-letter reason dropped; <see cref="DeadLetters.ReplayToProperty"/> = <paramref name="subscription"/>;
    /// message id <c>&lt;original&gt;/replay/&lt;UTC time&gt;</c> and correlation id the original message id.
    /// </summary>
    public static ServiceBusMessage ReplayMessage(ServiceBusReceivedMessage deadLettered, string subscription, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(deadLettered);
        var copy = new ServiceBusMessage(deadLettered);
        foreach (var name in DeadLetters.BrokerProperties)
        {
            copy.ApplicationProperties.Remove(name);
        }

        copy.MessageId = deadLettered.MessageId + "/replay/" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        copy.CorrelationId = deadLettered.MessageId;
        copy.ApplicationProperties[DeadLetters.ReplayToProperty] = subscription;
        return copy;
    }

    /// <summary>What the admin API shows of a dead-lettered message (never the record).</summary>
    public static DeadLettersItem Describe(ServiceBusReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new DeadLettersItem(
            message.MessageId,
            CloudEventServiceBusMapper.Attribute(message, "id") as string,
            CloudEventServiceBusMapper.Attribute(message, "source") as string,
            CloudEventServiceBusMapper.Attribute(message, "type") as string,
            message.Subject ?? CloudEventServiceBusMapper.Attribute(message, "subject") as string,
            DeadLetters.Instant(CloudEventServiceBusMapper.Attribute(message, "time")),
            message.EnqueuedTime == default ? null : message.EnqueuedTime,
            message.DeliveryCount,
            message.DeadLetterReason);
    }

    private ServiceBusReceiver DeadLetterReceiver(string topic, string subscription, ServiceBusReceiveMode mode) =>
        client.CreateReceiver(topic, subscription, new ServiceBusReceiverOptions
        {
            SubQueue = SubQueue.DeadLetter,
            ReceiveMode = mode,
            PrefetchCount = 0,
            Identifier = "integrationhub-deadletters-" + Guid.NewGuid().ToString("N")[..8],
        });

    private static async Task AbandonQuietlyAsync(ServiceBusReceiver receiver, List<ServiceBusReceivedMessage> held)
    {
        foreach (var message in held)
        {
            try
            {
                await receiver.AbandonMessageAsync(message, cancellationToken: CancellationToken.None);
            }
            catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, CancellationToken.None))
            {
                // The lock runs out by itself and the message becomes visible again; nothing is lost.
                break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed {Replayed} dead-lettered messages of {Topic}/{Subscription}; {Missing} requested ids not found")]
    private static partial void LogReplayed(ILogger logger, string topic, string subscription, int replayed, int missing);
}
