using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// Judges every feed's freshness, stores it, and on a change publishes an alert before storing the new state:
/// if the broker is down the state stays as it was, so the next run raises the alert again. A feed's first
/// observation is stored without an alert (there is no previous state to change from).
/// </summary>
public sealed partial class FreshnessMonitor(FeedCatalogue catalogue, IFeedStatusStore store, FreshnessRules rules, ITopicPublisher publisher,
    ValidationOptions province, ProvinceTime time, IndicatorService indicators, TimeProvider clock, ILogger<FreshnessMonitor> logger)
{
    public async Task<FreshnessReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        int changed = 0, alerts = 0, failed = 0;
        foreach (var feed in catalogue.Feeds)
        {
            var record = await store.ReadAsync(feed.Id, time.HourStart(now), cancellationToken);
            var current = rules.Evaluate(feed, record.LastAcceptedAt, now);
            var stored = record.State;
            if (stored is not null && stored.State != current)
            {
                changed++;
                try
                {
                    await publisher.PublishRawAsync(FeedCatalogue.AlertsTopic,
                        FeedStateAlert.ToMessage(province.ProvinceCode, feed.Id, stored.State, current, record.LastAcceptedAt, rules.CadenceText(feed), now),
                        cancellationToken);
                    alerts++;
                    LogChanged(logger, feed.Id, stored.State, current);
                }
                catch (BrokerUnavailableException e)
                {
                    failed++;
                    LogAlertFailed(logger, feed.Id, e.Message);
                    continue;
                }
            }

            var since = stored is not null && stored.State == current ? stored.Since : now;
            await store.SaveStateAsync(feed.Id, new StoredFeedState(current, since, record.LastAcceptedAt, now, stored?.ETag), cancellationToken);
        }

        try
        {
            await indicators.RecordTrendAsync(cancellationToken);
        }
        catch (StorageUnavailableException e)
        {
            LogTrendFailed(logger, e.Message);
        }

        return new FreshnessReport(catalogue.Feeds.Count, changed, alerts, failed);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Feed {Feed} went from {Previous} to {Current}; alert published")]
    private static partial void LogChanged(ILogger logger, string feed, string previous, string current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed {Feed} changed state but its alert could not be published ({Reason}); retried next run")]
    private static partial void LogAlertFailed(ILogger logger, string feed, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indicator trend not recorded: {Reason}")]
    private static partial void LogTrendFailed(ILogger logger, string reason);
}
