using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
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
    ValidationOptions province, TimeProvider clock, ILogger<OutboxRelay> logger)
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

            if (run.BrokerDown || run.StorageDown || due.Count < options.BatchSize || run.Published == publishedBefore || clock.GetElapsedTime(started) >= options.MaxRunDuration)
            {
                break;
            }
        }

        var summary = await outbox.SummaryAsync(cancellationToken);
        var end = clock.GetUtcNow();
        metrics.Outbox(summary.Pending, summary.OldestCreatedAt is { } oldest ? end - oldest : TimeSpan.Zero);
        return new RelayReport(run.Due, run.Published, run.Failed, run.Poisoned);
    }

    private async ValueTask PublishAsync(OutboxEntry entry, DateTimeOffset now, RunState run, CancellationToken cancellationToken)
    {
        // The broker (or storage) is down: one failure is enough to know, the rest waits for the next run.
        if (run.BrokerDown || run.StorageDown || fastPath.IsInFlight(entry.Event.KeyHash))
        {
            return;
        }

        try
        {
            if (entry.LoadError is { } loadError)
            {
                await FailAsync(entry, now, loadError, run, cancellationToken);
                return;
            }

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
            await RescheduleAsync(entry, now, e.Message, cancellationToken);
            if (!run.BrokerDown)
            {
                run.BrokerDown = true;
                LogBrokerDown(logger, e.Message);
            }
        }
        catch (StorageUnavailableException e)
        {
            Interlocked.Increment(ref run.Failed);
            if (!run.StorageDown)
            {
                run.StorageDown = true;
                LogStorageDown(logger, e.Message);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Anything else belongs to this entry alone (a key storage refuses, a record blob gone, a message the broker
            // refuses): it is retried with backoff and, after the cap, moved aside; the other entries go on.
            await FailAsync(entry, now, e.GetType().Name + ": " + e.Message, run, cancellationToken);
        }
    }

    private async Task FailAsync(OutboxEntry entry, DateTimeOffset now, string reason, RunState run, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref run.Failed);
        metrics.PublishFailed("relay");
        try
        {
            if (entry.Attempts + 1 < options.MaxAttempts)
            {
                LogEntryFailed(logger, entry.Event.FeedId, entry.Event.KeyHash, entry.Attempts + 1, reason);
                await outbox.RecordFailureAsync(entry, now + Backoff(entry), reason, cancellationToken);
                return;
            }

            var poison = await outbox.PoisonAsync(entry, reason, cancellationToken);
            Interlocked.Increment(ref run.Poisoned);
            LogPoisoned(logger, entry.Event.FeedId, entry.Event.KeyHash, poison.Attempts, reason);
            try
            {
                await publisher.PublishRawAsync(FeedCatalogue.AlertsTopic, PoisonAlert.ToMessage(province.ProvinceCode, poison), cancellationToken);
            }
            catch (BrokerUnavailableException e)
            {
                // The entry is safe in the poison table and listed by the admin API; only the notification is missing.
                LogAlertFailed(logger, entry.Event.KeyHash, e.Message);
            }
        }
        catch (StorageUnavailableException e)
        {
            run.StorageDown = true;
            LogStorageDown(logger, e.Message);
        }
    }

    private async Task RescheduleAsync(OutboxEntry entry, DateTimeOffset now, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await outbox.RecordFailureAsync(entry, now + Backoff(entry), reason, cancellationToken);
        }
        catch (StorageUnavailableException)
        {
            // Not rescheduled: it is simply due again next run.
        }
    }

    private TimeSpan Backoff(OutboxEntry entry) =>
        TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.InitialBackoff.Ticks << Math.Min(entry.Attempts, 20)));

    private sealed class RunState
    {
        public int Due;
        public int Published;
        public int Failed;
        public int Poisoned;
        public volatile bool BrokerDown;
        public volatile bool StorageDown;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped with events unpublished: {Reason}")]
    private static partial void LogBrokerDown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped: storage unavailable ({Reason})")]
    private static partial void LogStorageDown(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox entry {KeyHash} of {Feed} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogEntryFailed(ILogger logger, string feed, string keyHash, int attempt, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {KeyHash} of {Feed} moved to the poison table after {Attempts} attempts: {Reason}")]
    private static partial void LogPoisoned(ILogger logger, string feed, string keyHash, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert for poisoned entry {KeyHash} not published: {Reason}")]
    private static partial void LogAlertFailed(ILogger logger, string keyHash, string reason);
}
