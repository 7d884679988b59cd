using IntegrationHub.Core.Ingest;
using IntegrationHub.Functions.Hosting;

namespace IntegrationHub.Functions.OutboxRelay;

/// <summary>The <c>OutboxRelay</c> timer: publishes accepted events whose publication was not confirmed.</summary>
public static class OutboxRelayFunction
{
    public const string Name = "OutboxRelay";

    public static void Register(TimerFunctions timers) => timers.Add(Name, async (services, cancellationToken) =>
    {
        var report = await services.GetRequiredService<Core.Ingest.OutboxRelay>().RunOnceAsync(cancellationToken);
        return $"due {report.Due}, published {report.Published}, failed {report.Failed}";
    });

    /// <summary>Used by tests and tools that need the relay's result as an object.</summary>
    public static Task<RelayReport> RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<Core.Ingest.OutboxRelay>().RunOnceAsync(cancellationToken);
}
