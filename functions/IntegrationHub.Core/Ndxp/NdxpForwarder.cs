using System.Collections.Concurrent;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Messaging.ServiceBus;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// One run drains every <c>&lt;topic&gt;.ndxp</c> subscription of the feeds published nationally, in peek-lock, within
/// <see cref="NdxpOptions.RunBudget"/>, and settles each message by <see cref="NdxpSettlement"/> after POSTing it.
/// </summary>
/// <remarks>
/// <para>Order per message: POST, then the delivery record, then the settlement. A crash after a 2xx but before the record
/// POSTs the message again on its next delivery, with the same <c>Idempotency-Key</c>; a crash after the record completes
/// it on its next delivery without a POST. Messages still locked when a run stops go back to the subscription.</para>
/// <para>A transient failure pauses the message's feed for the backoff (in this instance's memory): the feed is not read
/// again until then, so the endpoint is not hammered while it is down.</para>
/// </remarks>
public sealed partial class NdxpForwarder(FeedCatalogue catalogue, NdxpOptions options, INdxpSubscriptions subscriptions, NdxpClient client,
    NdxpTokenCache tokens, NdxpPacer pacer, INdxpDeliveryLog log, TimeProvider clock, ILogger<NdxpForwarder> logger)
{
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pausedUntil = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _inFlight = new(options.MaxConcurrency, options.MaxConcurrency);

    /// <summary>The topics drained: every non-retired major of every feed flagged <c>publishToNdxp</c>.</summary>
    public IReadOnlyList<(string FeedId, string Topic)> Topics() =>
        catalogue.Feeds.Where(f => f.PublishToNdxp)
            .SelectMany(f => f.Versions.Where(v => v.Status != "retired").Select(v => (f.Id, v.Topic)))
            .ToList();

    /// <summary>When the feed may be read again, if it is paused.</summary>
    public DateTimeOffset? PausedUntil(string feedId) =>
        _pausedUntil.TryGetValue(feedId, out var until) && until > clock.GetUtcNow() ? until : null;

    public async Task<NdxpRunReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        if (!options.IsEnabled)
        {
            LogOff(logger);
            return NdxpRunReport.Off;
        }

        var stopTaking = clock.GetUtcNow() + options.RunBudget;
        var tallies = new ConcurrentDictionary<string, FeedTally>(StringComparer.Ordinal);
        var failed = new ConcurrentBag<string>();
        await Task.WhenAll(Topics().Select(t => ForwardTopicAsync(t.FeedId, t.Topic, stopTaking, tallies.GetOrAdd(t.FeedId, _ => new FeedTally()), failed,
            cancellationToken)));

        foreach (var (feedId, tally) in tallies.Where(t => t.Value.Touched))
        {
            try
            {
                await log.RecordRunAsync(tally.ToRun(feedId), clock.GetUtcNow(), cancellationToken);
            }
            catch (StorageUnavailableException e)
            {
                LogFiguresNotSaved(logger, feedId, e.Message);
            }
        }

        var report = new NdxpRunReport(true, tallies.Values.Sum(t => t.Received), tallies.Values.Sum(t => t.Posts), tallies.Values.Sum(t => t.Delivered),
            tallies.Values.Sum(t => t.Retrying), tallies.Values.Sum(t => t.DeadLettered), failed.Order(StringComparer.Ordinal).ToList());
        LogRun(logger, report.Received, report.Posts, report.Delivered, report.Retrying, report.DeadLettered, report.FailedFeeds.Count);
        return report;
    }

    private async Task ForwardTopicAsync(string feedId, string topic, DateTimeOffset stopTaking, FeedTally tally, ConcurrentBag<string> failed,
        CancellationToken cancellationToken)
    {
        if (PausedUntil(feedId) is not null)
        {
            return;
        }

        INdxpReceiver receiver;
        try
        {
            receiver = await subscriptions.OpenAsync(topic, cancellationToken);
        }
        catch (BrokerUnavailableException e)
        {
            failed.Add(topic);
            LogTopicFailed(logger, topic, e.Message);
            return;
        }

        await using (receiver)
        {
            try
            {
                while (clock.GetUtcNow() < stopTaking && PausedUntil(feedId) is null && !cancellationToken.IsCancellationRequested)
                {
                    var batch = await receiver.ReceiveAsync(options.BatchSize, FirstWait, cancellationToken);
                    if (batch.Count == 0)
                    {
                        break;
                    }

                    tally.Add(received: batch.Count);
                    await Task.WhenAll(batch.Select(m => ForwardAsync(feedId, receiver, m, tally, cancellationToken)));
                }
            }
            catch (BrokerUnavailableException e)
            {
                failed.Add(topic);
                LogTopicFailed(logger, topic, e.Message);
            }
        }
    }

    private async Task ForwardAsync(string feedId, INdxpReceiver receiver, NdxpMessage message, FeedTally tally, CancellationToken cancellationToken)
    {
        var json = NdxpCloudEventJson.Write(message.Event);
        if (message.MessageId is not { Length: > 0 } messageId || json is null)
        {
            await receiver.DeadLetterAsync(message, NdxpSettlement.InvalidMessage, "no message id or not a CloudEvent", cancellationToken);
            tally.Add(deadLettered: 1, outcome: NdxpDeliveryStatus.DeadLettered);
            LogDeadLettered(logger, feedId, message.MessageId ?? "", NdxpSettlement.InvalidMessage, "no message id or not a CloudEvent");
            return;
        }

        try
        {
            var previous = await log.FindAsync(feedId, messageId, cancellationToken);
            if (previous?.Status == NdxpDeliveryStatus.Delivered)
            {
                // Delivered and recorded, but the settlement was lost: the endpoint has it already.
                await receiver.CompleteAsync(message, cancellationToken);
                return;
            }

            var delivery = Math.Max(previous?.Attempts ?? 0, (message.BrokerDeliveryCount ?? 1) - 1) + 1;
            var (attempt, settlement, posts, attemptAt) = await PostAsync(messageId, json, delivery, cancellationToken);
            var now = clock.GetUtcNow();
            var latency = settlement.Action == NdxpSettlementAction.Complete ? Latency(message, now) : null;
            var status = settlement.Action switch
            {
                NdxpSettlementAction.Complete => NdxpDeliveryStatus.Delivered,
                NdxpSettlementAction.DeadLetter => NdxpDeliveryStatus.DeadLettered,
                _ => NdxpDeliveryStatus.Retrying,
            };
            await log.SaveAsync(new NdxpDelivery(feedId, messageId, message.Event.Attributes.GetValueOrDefault("id") as string, status, delivery,
                previous?.FirstAttemptAt ?? attemptAt, attemptAt, status == NdxpDeliveryStatus.Delivered ? now : null, latency,
                settlement.Description, settlement.Reason), cancellationToken);

            switch (settlement.Action)
            {
                case NdxpSettlementAction.Complete:
                    await receiver.CompleteAsync(message, cancellationToken);
                    tally.Add(posts: posts, delivered: 1, latency: latency, deliveredAt: now, attemptAt: attemptAt, outcome: status);
                    break;
                case NdxpSettlementAction.DeadLetter:
                    await receiver.DeadLetterAsync(message, settlement.Reason!, settlement.Description, cancellationToken);
                    tally.Add(posts: posts, deadLettered: 1, attemptAt: attemptAt, outcome: status);
                    LogDeadLettered(logger, feedId, messageId, settlement.Reason!, settlement.Description);
                    break;
                default:
                    var until = now + (settlement.Pause ?? options.BackoffBase);
                    _pausedUntil.AddOrUpdate(feedId, until, (_, earlier) => earlier > until ? earlier : until);
                    await receiver.AbandonAsync(message, cancellationToken);
                    tally.Add(posts: posts, retrying: 1, attemptAt: attemptAt, outcome: status);
                    LogPaused(logger, feedId, settlement.Description, (until - now).TotalSeconds, attempt.StatusCode);
                    break;
            }
        }
        catch (StorageUnavailableException e)
        {
            // Without its record the message cannot be settled safely: it comes back, and is POSTed again with the same key.
            LogRecordFailed(logger, feedId, messageId, e.Message);
            await AbandonQuietlyAsync(receiver, message, cancellationToken);
        }
    }

    private async Task<(NdxpAttempt Attempt, NdxpSettlement Settlement, int Posts, DateTimeOffset AttemptAt)> PostAsync(string messageId, byte[] json,
        int delivery, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            await pacer.WaitAsync(cancellationToken);
            var attemptAt = clock.GetUtcNow();
            var (attempt, token) = await PostWithTokenAsync(messageId, json, cancellationToken);
            var settlement = NdxpSettlement.Decide(attempt, delivery, tokenRefreshed: false, options);
            if (settlement.Action != NdxpSettlementAction.RefreshTokenAndRetry)
            {
                return (attempt, settlement, 1, attemptAt);
            }

            tokens.Invalidate(token);
            (attempt, _) = await PostWithTokenAsync(messageId, json, cancellationToken);
            return (attempt, NdxpSettlement.Decide(attempt, delivery, tokenRefreshed: true, options), 2, attemptAt);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<(NdxpAttempt Attempt, string? Token)> PostWithTokenAsync(string messageId, byte[] json, CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = await tokens.GetAsync(cancellationToken);
        }
        catch (NdxpTokenException e)
        {
            return (new NdxpAttempt(null, null, e.Message), null);
        }

        return (await client.PostAsync(messageId, json, token, cancellationToken), token);
    }

    private static long? Latency(NdxpMessage message, DateTimeOffset now)
    {
        var accepted = DeadLetters.Instant(message.Event.Attributes.GetValueOrDefault(CloudEventAmqpMapper.ReceivedTimeAttribute)) ?? message.EnqueuedAt;
        return accepted is { } from ? Math.Max(0, (long)(now - from).TotalMilliseconds) : null;
    }

    private static async Task AbandonQuietlyAsync(INdxpReceiver receiver, NdxpMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await receiver.AbandonAsync(message, cancellationToken);
        }
        catch (BrokerUnavailableException)
        {
            // The lock runs out, or the link closes, and the message comes back by itself.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "NDXP forwarding is off: Hub:Ndxp:Endpoint is empty")]
    private static partial void LogOff(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "NdxpForwarder: received {Received}, POSTs {Posts}, delivered {Delivered}, retrying {Retrying}, dead-lettered {DeadLettered}, unreadable subscriptions {Failed}")]
    private static partial void LogRun(ILogger logger, int received, int posts, int delivered, int retrying, int deadLettered, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NDXP subscription of {Topic} could not be read: {Reason}")]
    private static partial void LogTopicFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NDXP delivery of {Feed} message {MessageId} dead-lettered: {Reason} ({Description})")]
    private static partial void LogDeadLettered(ILogger logger, string feed, string messageId, string reason, string description);

    [LoggerMessage(Level = LogLevel.Information, Message = "NDXP delivery of {Feed} failed ({Description}); feed paused for {Seconds} s (status {Status})")]
    private static partial void LogPaused(ILogger logger, string feed, string description, double seconds, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NDXP delivery record of {Feed} message {MessageId} not saved; the message is retried: {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, string feed, string messageId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NDXP figures of {Feed} for this run not saved: {Reason}")]
    private static partial void LogFiguresNotSaved(ILogger logger, string feed, string reason);

    /// <summary>One feed's figures in one run, added to from the concurrent forwards.</summary>
    private sealed class FeedTally
    {
        private readonly Lock _gate = new();
        private readonly List<long> _latencies = [];
        private DateTimeOffset? _lastDelivered;
        private DateTimeOffset? _lastAttempt;
        private string? _lastOutcome;

        public int Received { get; private set; }
        public int Posts { get; private set; }
        public int Delivered { get; private set; }
        public int Retrying { get; private set; }
        public int DeadLettered { get; private set; }
        public bool Touched => Posts + DeadLettered > 0;

        public void Add(int received = 0, int posts = 0, int delivered = 0, int retrying = 0, int deadLettered = 0, long? latency = null,
            DateTimeOffset? deliveredAt = null, DateTimeOffset? attemptAt = null, string? outcome = null)
        {
            lock (_gate)
            {
                Received += received;
                Posts += posts;
                Delivered += delivered;
                Retrying += retrying;
                DeadLettered += deadLettered;
                if (latency is { } ms)
                {
                    _latencies.Add(ms);
                }

                if (deliveredAt is not null && (_lastDelivered is null || deliveredAt > _lastDelivered))
                {
                    _lastDelivered = deliveredAt;
                }

                if (attemptAt is not null && (_lastAttempt is null || attemptAt >= _lastAttempt))
                {
                    _lastAttempt = attemptAt;
                    _lastOutcome = outcome ?? _lastOutcome;
                }
                else if (attemptAt is null && outcome is not null)
                {
                    _lastOutcome = outcome;
                }
            }
        }

        public NdxpFeedRun ToRun(string feedId)
        {
            lock (_gate)
            {
                return new NdxpFeedRun(feedId, Delivered, Retrying, DeadLettered, _latencies.ToArray(), _lastDelivered, _lastAttempt, _lastOutcome);
            }
        }
    }
}
