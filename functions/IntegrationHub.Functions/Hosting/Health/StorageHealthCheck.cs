using IntegrationHub.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>Storage down is unhealthy: nothing can be made durable, so nothing can be accepted.</summary>
public sealed class StorageHealthCheck(IEventLedger ledger, IEventArchive archive, HubReadiness readiness) : IHealthCheck
{
    public const string Name = "storage";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var tables = HealthChecks.QuietlyAsync(() => ledger.IsAvailableAsync(cancellationToken));
        var blobs = HealthChecks.QuietlyAsync(() => archive.IsAvailableAsync(cancellationToken));
        var up = await tables && await blobs && readiness.StorageReady;
        return up ? HealthCheckResult.Healthy("up") : new HealthCheckResult(context.Registration.FailureStatus, "down");
    }
}
