using IntegrationHub.Core.Retention;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.RetentionPurge;

/// <summary>The <c>RetentionPurge</c> timer, daily at 02:30 UTC: removes expired history rows and archive blobs, each purge recorded in the audit chain.</summary>
public sealed partial class RetentionPurgeFunction(Core.Retention.RetentionPurge purge, ILogger<RetentionPurgeFunction> logger)
{
    public const string Name = nameof(RetentionPurge);
    public const string Schedule = "0 30 2 * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.FeedsPurged, report.HistoryRows, report.AsOfRows, report.ArchiveBlobs, timer.IsPastDue);
    }

    /// <summary>One purge; the tests and tools that need its result as an object call this.</summary>
    public Task<RetentionReport> RunOnceAsync(CancellationToken cancellationToken) => purge.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "RetentionPurge: {Feeds} feeds, {Rows} history rows, {AsOfRows} as-of rows, {Blobs} archive blobs (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int feeds, int rows, int asOfRows, int blobs, bool pastDue);
}
