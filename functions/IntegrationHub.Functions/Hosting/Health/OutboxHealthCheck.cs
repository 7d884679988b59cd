using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>
/// Events left unpublished for longer than <c>Hub:Relay:DegradedAfter</c> make the hub degraded. The outbox summary reads the
/// whole outbox; <see cref="HubHealth"/>'s cache bounds how often that happens, whatever the probes' rate.
/// </summary>
public sealed class OutboxHealthCheck(IOutbox outbox, OutboxRelayOptions relayOptions, HubMetrics metrics, TimeProvider clock) : IHealthCheck
{
    public const string Name = "outbox";
    public const string PendingKey = "pending";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        OutboxSummary summary;
        try
        {
            summary = await outbox.SummaryAsync(cancellationToken);
        }
        catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("unknown");
        }

        var oldestAge = summary.OldestCreatedAt is { } oldest ? clock.GetUtcNow() - oldest : TimeSpan.Zero;

        // The check has just counted the backlog: keep the gauges as fresh as the health answer, not only per relay run.
        metrics.Outbox(summary.Pending, oldestAge);
        var data = new Dictionary<string, object> { [PendingKey] = summary.Pending };
        return oldestAge > relayOptions.DegradedAfter
            ? new HealthCheckResult(HealthStatus.Degraded, "stale", data: data)
            : HealthCheckResult.Healthy("ok", data);
    }
}
