using IntegrationHub.Core.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>Broker down is degraded: ingest still accepts (the outbox keeps what is not published), the relay catches up.</summary>
public sealed class BrokerHealthCheck(ITopicPublisher publisher) : IHealthCheck
{
    public const string Name = "broker";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await HealthChecks.QuietlyAsync(() => publisher.IsAvailableAsync(cancellationToken))
            ? HealthCheckResult.Healthy("up")
            : new HealthCheckResult(context.Registration.FailureStatus, "down");
}
