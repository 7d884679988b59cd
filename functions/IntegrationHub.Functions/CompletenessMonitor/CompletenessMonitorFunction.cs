using IntegrationHub.Core.Completeness;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.CompletenessMonitor;

/// <summary>
/// The <c>CompletenessMonitor</c> timer, every five minutes at second 15: judges every sender of every feed against its
/// reporting periods and alerts when one goes silent, reaches a late streak or recovers.
/// </summary>
public sealed partial class CompletenessMonitorFunction(Core.Completeness.CompletenessMonitor monitor, ILogger<CompletenessMonitorFunction> logger)
{
    public const string Name = nameof(CompletenessMonitor);
    public const string Schedule = "15 */5 * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.Checked, report.Changed, report.Alerts, report.Failed, report.Purged, timer.IsPastDue);
    }

    /// <summary>One run of the monitor; the tests and tools that need its result as an object call this.</summary>
    public Task<CompletenessMonitorReport> RunOnceAsync(CancellationToken cancellationToken) => monitor.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "CompletenessMonitor: checked {Checked}, changed {Changed}, alerts {Alerts}, failed {Failed}, purged {Purged} (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int @checked, int changed, int alerts, int failed, int purged, bool pastDue);
}
