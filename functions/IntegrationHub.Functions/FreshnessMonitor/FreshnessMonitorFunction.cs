using IntegrationHub.Core.Ioc;
using Microsoft.Azure.Functions.Worker;

namespace IntegrationHub.Functions.FreshnessMonitor;

/// <summary>The <c>FreshnessMonitor</c> timer, every minute: judges every feed's freshness and alerts on a change of state.</summary>
public sealed partial class FreshnessMonitorFunction(Core.Ioc.FreshnessMonitor monitor, ILogger<FreshnessMonitorFunction> logger)
{
    public const string Name = nameof(FreshnessMonitor);
    public const string Schedule = "0 * * * * *";

    [Function(Name)]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        var report = await RunOnceAsync(cancellationToken);
        LogRun(logger, report.Checked, report.Changed, report.Alerts, report.Failed, timer.IsPastDue);
    }

    /// <summary>One run of the monitor; the tests and tools that need its result as an object call this.</summary>
    public Task<FreshnessReport> RunOnceAsync(CancellationToken cancellationToken) => monitor.RunOnceAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "FreshnessMonitor: checked {Checked}, changed {Changed}, alerts {Alerts}, failed {Failed} (past due: {PastDue})")]
    private static partial void LogRun(ILogger logger, int @checked, int changed, int alerts, int failed, bool pastDue);
}
