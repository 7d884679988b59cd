using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// The fast path to the topic: publishes accepted events as soon as they are durable, many in flight,
/// and marks them published. Anything it cannot publish stays in the outbox for the relay.
/// </summary>
public sealed partial class PublishWorker(PublishQueue queue, ITopicPublisher publisher, IOutbox outbox, HubMetrics metrics, ILogger<PublishWorker> logger)
    : BackgroundService
{
    private const int MaxInFlight = 256;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var gate = new SemaphoreSlim(MaxInFlight);
        try
        {
            await foreach (var accepted in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await gate.WaitAsync(stoppingToken);
                _ = PublishOneAsync(accepted, gate, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Let sends already on the wire finish, so their outcome is recorded.
        for (var i = 0; i < MaxInFlight; i++)
        {
            await gate.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        }
    }

    private async Task PublishOneAsync(AcceptedEvent accepted, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(accepted, cancellationToken);
            metrics.Published("fast");
            await outbox.MarkPublishedAsync(accepted, cancellationToken);
        }
        catch (Exception e) when (e is BrokerUnavailableException or StorageUnavailableException or OperationCanceledException)
        {
            metrics.PublishFailed("fast");
            LogLeftForRelay(logger, accepted.FeedId, accepted.KeyHash, e.GetType().Name);
        }
        finally
        {
            queue.Complete(accepted);
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {KeyHash} of {Feed} left to the outbox relay ({Reason})")]
    private static partial void LogLeftForRelay(ILogger logger, string feed, string keyHash, string reason);
}
