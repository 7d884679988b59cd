using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// Judges every sender of every feed: silent, on a late streak, or fine. On a change it publishes an alert before storing
/// the new condition, so if the broker is down the condition stays as it was and the next run raises the alert again; a
/// sender's first judgement is stored without an alert. Arrival rows older than two windows are deleted.
/// </summary>
public sealed partial class CompletenessMonitor(CompletenessService completeness, ICompletenessStore store, ITopicPublisher publisher,
    ValidationOptions province, Ioc.IocOptions options, TimeProvider clock, ILogger<CompletenessMonitor> logger)
{
    public async Task<CompletenessMonitorReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (report, records) = await completeness.ComputeWithRecordsAsync(cancellationToken);
        int checkedSenders = 0, changed = 0, alerts = 0, failed = 0, purged = 0;
        foreach (var feed in report.Feeds)
        {
            var stored = records.Single(r => r.FeedId == feed.FeedId).AlertStates;
            foreach (var sender in feed.Senders)
            {
                checkedSenders++;
                var condition = Condition(sender.Summary);
                var previous = stored.GetValueOrDefault(sender.Source);
                if (previous is not null && previous.Condition != condition)
                {
                    changed++;
                    var latestDue = sender.Periods.LastOrDefault(p => p.Status != PeriodStatus.Open);
                    try
                    {
                        await publisher.PublishRawAsync(FeedCatalogue.AlertsTopic, CompletenessAlert.ToMessage(province.ProvinceCode, feed.FeedId, sender.Source,
                            previous.Condition, condition, sender.Summary, latestDue, feed.Cadence, now), cancellationToken);
                        alerts++;
                        LogChanged(logger, feed.FeedId, sender.Source, previous.Condition, condition);
                    }
                    catch (BrokerUnavailableException e)
                    {
                        failed++;
                        LogAlertFailed(logger, feed.FeedId, e.Message);
                        continue;
                    }
                }

                if (previous is null || previous.Condition != condition)
                {
                    await store.SaveAlertStateAsync(feed.FeedId, new SenderAlertState(sender.Source, condition, now, now, previous?.ETag), cancellationToken);
                }
            }

            purged += await store.PurgeAsync(feed.FeedId, now.AddDays(-2 * options.WindowDays), cancellationToken);
        }

        return new CompletenessMonitorReport(checkedSenders, changed, alerts, failed, purged);
    }

    /// <summary>What an alert reports: silence first, then a late streak at least <see cref="CompletenessOptions.LateStreakAlert"/> long.</summary>
    public string Condition(CompletenessSummary summary) =>
        summary.State == CompletenessState.Silent ? SenderAlertState.Silent
        : summary.LateStreak >= options.Completeness.LateStreakAlert ? SenderAlertState.LateStreak
        : SenderAlertState.Ok;

    [LoggerMessage(Level = LogLevel.Information, Message = "Completeness of {Feed} from {Source} went from {Previous} to {Current}; alert published")]
    private static partial void LogChanged(ILogger logger, string feed, string source, string previous, string current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completeness of {Feed} changed but its alert could not be published ({Reason}); retried next run")]
    private static partial void LogAlertFailed(ILogger logger, string feed, string reason);
}
