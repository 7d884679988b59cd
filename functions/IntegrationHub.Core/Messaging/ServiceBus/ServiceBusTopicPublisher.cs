using System.Collections.Concurrent;
using Azure.Messaging.ServiceBus;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Messaging.ServiceBus;

/// <summary>
/// The Service Bus transport: publishes through the one <see cref="ServiceBusClient"/> registered in DI, one
/// <see cref="ServiceBusSender"/> per topic (senders are cheap, thread-safe and reconnect by themselves). Batches go out
/// as <see cref="ServiceBusMessageBatch"/>es, each filled up to the size the service allows. The SDK retries transient
/// failures (twice, see <see cref="MessagingServiceCollectionExtensions"/>); what still fails is a <see cref="BrokerUnavailableException"/>
/// and the event stays in the outbox for the relay.
/// </summary>
public sealed partial class ServiceBusTopicPublisher(ServiceBusClient client, MessagingOptions options, IEventArchive archive, ILogger<ServiceBusTopicPublisher> logger)
    : ITopicPublisher, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceBusSender> _senders = new(StringComparer.Ordinal);

    public async Task PublishAsync(AcceptedEvent accepted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        var message = CloudEventServiceBusMapper.ToServiceBusMessage(accepted, options.MaxInlineDataBytes, archive.RecordUri);
        await SendAsync(accepted.Topic, message, cancellationToken);
    }

    public async Task PublishBatchAsync(IReadOnlyList<AcceptedEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var topic in events.GroupBy(e => e.Topic, StringComparer.Ordinal))
        {
            var sender = Sender(topic.Key);
            try
            {
                await SendBatchesAsync(sender, topic, cancellationToken);
            }
            catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
            {
                throw ServiceBusFailures.Wrap($"Publishing a batch to {topic.Key}", e);
            }
        }
    }

    public Task PublishRawAsync(string topic, Amqp.Message message, CancellationToken cancellationToken) =>
        SendAsync(topic, CloudEventServiceBusMapper.FromAmqp(message), cancellationToken);

    /// <summary>
    /// Opens (or reuses) the sender link to the alerts topic, which every deployment has: that needs the namespace to
    /// answer, the identity to be authorized and the topic to exist. Once the link is open this costs nothing.
    /// </summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        if (client.IsClosed)
        {
            return false;
        }

        // One send timeout at most, not the SDK's retries: health must answer promptly.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.SendTimeout);
        try
        {
            using var batch = await Sender(FeedCatalogue.AlertsTopic).CreateMessageBatchAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
        {
            LogUnavailable(logger, e.GetType().Name);
            return false;
        }
    }

    private async Task SendAsync(string topic, ServiceBusMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Sender(topic).SendMessageAsync(message, cancellationToken);
        }
        catch (Exception e) when (ServiceBusFailures.IsBrokerFailure(e, cancellationToken))
        {
            throw ServiceBusFailures.Wrap($"Publishing to {topic}", e);
        }
    }

    private async Task SendBatchesAsync(ServiceBusSender sender, IEnumerable<AcceptedEvent> events, CancellationToken cancellationToken)
    {
        var batch = await sender.CreateMessageBatchAsync(cancellationToken);
        try
        {
            foreach (var accepted in events)
            {
                var message = CloudEventServiceBusMapper.ToServiceBusMessage(accepted, options.MaxInlineDataBytes, archive.RecordUri);
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                if (batch.Count == 0)
                {
                    throw new BrokerUnavailableException(
                        $"Event {accepted.KeyHash} does not fit in one Service Bus message ({batch.MaxSizeInBytes} bytes) even with its data by reference.", null);
                }

                await sender.SendMessagesAsync(batch, cancellationToken);
                batch.Dispose();
                batch = await sender.CreateMessageBatchAsync(cancellationToken);
                if (!batch.TryAddMessage(message))
                {
                    throw new BrokerUnavailableException(
                        $"Event {accepted.KeyHash} does not fit in one Service Bus message ({batch.MaxSizeInBytes} bytes) even with its data by reference.", null);
                }
            }

            if (batch.Count > 0)
            {
                await sender.SendMessagesAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }

    private ServiceBusSender Sender(string topic) =>
        _senders.GetOrAdd(topic, t => client.CreateSender(t, new ServiceBusSenderOptions { Identifier = "integrationhub-" + t }));

    public async ValueTask DisposeAsync()
    {
        foreach (var sender in _senders.Values)
        {
            await sender.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service Bus is not available ({Error})")]
    private static partial void LogUnavailable(ILogger logger, string error);
}
