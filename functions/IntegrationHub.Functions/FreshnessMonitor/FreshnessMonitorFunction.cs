using IntegrationHub.Core.Ioc;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.FreshnessMonitor;

/// <summary>The <c>FreshnessMonitor</c> timer: judges every feed's freshness and alerts on a change of state.</summary>
public static class FreshnessMonitorFunction
{
    public const string Name = "FreshnessMonitor";

    public static void Register(TimerFunctions timers) => timers.Add(Name, async (services, cancellationToken) =>
    {
        var report = await RunAsync(services, cancellationToken);
        return $"checked {report.Checked}, changed {report.Changed}, alerts {report.Alerts}, failed {report.Failed}";
    });

    /// <summary>Used by tests and tools that need the monitor's result as an object.</summary>
    public static Task<FreshnessReport> RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Core.Ioc.FreshnessMonitor>().RunOnceAsync(cancellationToken);
}
