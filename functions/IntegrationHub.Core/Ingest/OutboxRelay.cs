using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Publishes every accepted event whose publication was not confirmed (broker down, hub killed mid-flight).
/// Safe to run anywhere, any number of times: the message id is the event's stable key hash, so a repeat is
/// dropped by Service Bus duplicate detection or by the consumer.
/// </summary>
public sealed partial class OutboxRelay(IOutbox outbox, ITopicPublisher publisher, OutboxRelayOptions options, HubMetrics metrics,
    TimeProvider clock, ILogger<OutboxRelay> logger)
{
    public async Task<RelayReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await outbox.DueAsync(now - options.Grace, now, options.BatchSize, cancellationToken);
        int published = 0, failed = 0;
        foreach (var entry in due)
        {
            try
            {
                await outbox.EnsureCommittedAsync(entry.Event, cancellationToken);
                await publisher.PublishAsync(entry.Event, cancellationToken);
                await outbox.MarkPublishedAsync(entry.Event, cancellationToken);
                metrics.Published("relay");
                published++;
            }
            catch (BrokerUnavailableException e)
            {
                failed++;
                metrics.PublishFailed("relay");
                var backoff = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.InitialBackoff.Ticks << Math.Min(entry.Attempts, 20)));
                await outbox.RecordFailureAsync(entry, now + backoff, cancellationToken);
                LogBrokerDown(logger, due.Count - published, e.Message);
                break; // the broker is down: one failure is enough to know, the rest waits for the next run
            }
        }

        var summary = await outbox.SummaryAsync(cancellationToken);
        metrics.Outbox(summary.Pending, summary.OldestCreatedAt is { } oldest ? now - oldest : TimeSpan.Zero);
        return new RelayReport(due.Count, published, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped with {Remaining} events unpublished: {Reason}")]
    private static partial void LogBrokerDown(ILogger logger, int remaining, string reason);
}
