using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ingest;

/// <summary>
/// Publishes every accepted event whose publication was not confirmed (broker down, hub killed mid-flight).
/// Safe to run anywhere, any number of times: the message id is the event's stable key hash, so a repeat is
/// dropped by Service Bus duplicate detection or by the consumer.
/// </summary>
/// <remarks>
/// One run keeps taking batches while they come back full and it makes progress, for up to
/// <see cref="OutboxRelayOptions.MaxRunDuration"/>, so the backlog of a long broker outage drains in one run rather than
/// one batch per schedule tick. Entries this process's fast path still holds (<see cref="PublishQueue.IsInFlight"/>) are
/// left to it, and an entry is read again just before it is sent: under load the fast path can take longer than the
/// grace, and sending its events here too would duplicate them.
/// </remarks>
public sealed partial class OutboxRelay(IOutbox outbox, ITopicPublisher publisher, PublishQueue fastPath, OutboxRelayOptions options, HubMetrics metrics,
    TimeProvider clock, ILogger<OutboxRelay> logger)
{
    public async Task<RelayReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var run = new RunState();
        while (true)
        {
            var now = clock.GetUtcNow();
            var due = await outbox.DueAsync(now - options.Grace, now, options.BatchSize, cancellationToken);
            run.Due += due.Count;
            var publishedBefore = run.Published;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
                (entry, token) => PublishAsync(entry, now, run, token));

            if (run.BrokerDown || due.Count < options.BatchSize || run.Published == publishedBefore || clock.GetElapsedTime(started) >= options.MaxRunDuration)
            {
                break;
            }
        }

        var summary = await outbox.SummaryAsync(cancellationToken);
        var end = clock.GetUtcNow();
        metrics.Outbox(summary.Pending, summary.OldestCreatedAt is { } oldest ? end - oldest : TimeSpan.Zero);
        return new RelayReport(run.Due, run.Published, run.Failed);
    }

    private async ValueTask PublishAsync(OutboxEntry entry, DateTimeOffset now, RunState run, CancellationToken cancellationToken)
    {
        // The broker is down: one failure is enough to know, the rest waits for the next run.
        if (run.BrokerDown || fastPath.IsInFlight(entry.Event.KeyHash))
        {
            return;
        }

        try
        {
            // Read after the in-flight check: an entry the fast path finished since the batch was read is gone by now.
            if (!await outbox.IsPendingAsync(entry.Event, cancellationToken))
            {
                return;
            }

            await outbox.EnsureCommittedAsync(entry.Event, cancellationToken);
            await publisher.PublishAsync(entry.Event, cancellationToken);
            await outbox.MarkPublishedAsync(entry.Event, cancellationToken);
            metrics.Published("relay");
            Interlocked.Increment(ref run.Published);
        }
        catch (BrokerUnavailableException e)
        {
            Interlocked.Increment(ref run.Failed);
            metrics.PublishFailed("relay");
            var backoff = TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.InitialBackoff.Ticks << Math.Min(entry.Attempts, 20)));
            await outbox.RecordFailureAsync(entry, now + backoff, cancellationToken);
            if (!run.BrokerDown)
            {
                run.BrokerDown = true;
                LogBrokerDown(logger, e.Message);
            }
        }
    }

    private sealed class RunState
    {
        public int Due;
        public int Published;
        public int Failed;
        public volatile bool BrokerDown;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped with events unpublished: {Reason}")]
    private static partial void LogBrokerDown(ILogger logger, string reason);
}
