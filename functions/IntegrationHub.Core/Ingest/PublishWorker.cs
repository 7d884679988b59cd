using System.Threading.Channels;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// The fast path to the topic: publishes accepted events as soon as they are durable, many in flight, then removes
/// them from the outbox in batches (one transaction per ledger shard for everything published in the last
/// <see cref="FlushInterval"/>), which is the record that they were published. Anything it cannot publish stays in the
/// outbox for the relay.
/// </summary>
public sealed partial class PublishWorker(PublishQueue queue, ITopicPublisher publisher, IOutbox outbox, HubMetrics metrics, ILogger<PublishWorker> logger)
    : BackgroundService
{
    /// <summary>How long published events gather before their outbox rows are deleted together (well below the relay's grace).</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    private const int MaxInFlight = 256;
    private readonly Channel<AcceptedEvent> _published = Channel.CreateUnbounded<AcceptedEvent>(new UnboundedChannelOptions { SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var flusher = FlushLoopAsync(stoppingToken);
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

        _published.Writer.TryComplete();
        await flusher;
    }

    private async Task PublishOneAsync(AcceptedEvent accepted, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var published = false;
        try
        {
            await publisher.PublishAsync(accepted, cancellationToken);
            metrics.Published("fast");
            published = _published.Writer.TryWrite(accepted);
        }
        catch (Exception e)
        {
            // Whatever failed (the broker, storage, a transport's own exception type, cancellation), the event is
            // durable in the outbox: the relay publishes it later, with the same message id.
            metrics.PublishFailed("fast");
            LogLeftForRelay(logger, accepted.FeedId, accepted.KeyHash, e.GetType().Name);
        }
        finally
        {
            if (!published)
            {
                queue.Complete(accepted);
            }

            gate.Release();
        }
    }

    private async Task FlushLoopAsync(CancellationToken stoppingToken)
    {
        var reader = _published.Reader;
        var batch = new List<AcceptedEvent>();
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            try
            {
                await Task.Delay(FlushInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                // Stopping: flush what there is now.
            }

            batch.Clear();
            while (reader.TryRead(out var accepted))
            {
                batch.Add(accepted);
            }

            try
            {
                await outbox.MarkPublishedAsync(batch, CancellationToken.None);
            }
            catch (Exception e)
            {
                // Any failure here must not end the loop, or every later publication would stay in the outbox.
                // Published but still in the outbox: the relay sends them again later, with the same message ids.
                LogNotRemoved(logger, batch.Count, e.GetType().Name);
            }
            finally
            {
                foreach (var accepted in batch)
                {
                    queue.Complete(accepted);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event {KeyHash} of {Feed} left to the outbox relay ({Reason})")]
    private static partial void LogLeftForRelay(ILogger logger, string feed, string keyHash, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} published events not removed from the outbox ({Reason}); the relay will finish them")]
    private static partial void LogNotRemoved(ILogger logger, int count, string reason);
}
