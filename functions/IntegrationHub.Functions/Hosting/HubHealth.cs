using IntegrationHub.Core.Ingest;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Functions.Hosting;

/// <summary>
/// Health as operators need it: storage down is unhealthy (nothing can be accepted); broker down, or events
/// left unpublished for too long, is degraded (ingest still accepts, the relay catches up).
/// </summary>
public sealed class HubHealth(IEventLedger ledger, IEventArchive archive, ITopicPublisher publisher, IOutbox outbox,
    OutboxRelayOptions relayOptions, HubReadiness readiness, HubMetrics metrics, TimeProvider clock)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var storageTask = StorageUpAsync(timeout.Token);
        var brokerTask = Quietly(() => publisher.IsAvailableAsync(timeout.Token));
        var storage = await storageTask && readiness.StorageReady;
        var broker = await brokerTask;

        var backlog = "ok";
        var pending = 0;
        if (storage)
        {
            try
            {
                var summary = await outbox.SummaryAsync(timeout.Token);
                pending = summary.Pending;
                var oldestAge = summary.OldestCreatedAt is { } oldest ? clock.GetUtcNow() - oldest : TimeSpan.Zero;
                if (oldestAge > relayOptions.DegradedAfter)
                {
                    backlog = "stale";
                }

                // The probe has just counted the backlog: keep the gauges as fresh as the health answer, not only per relay run.
                metrics.Outbox(pending, oldestAge);
            }
            catch (Exception e) when (e is StorageUnavailableException or OperationCanceledException)
            {
                storage = false;
            }
        }

        var status = !storage ? "unhealthy" : !broker || backlog != "ok" ? "degraded" : "healthy";
        return new HealthReport(status, new Dictionary<string, string>
        {
            ["storage"] = storage ? "up" : "down",
            ["broker"] = broker ? "up" : "down",
            ["outbox"] = backlog,
        }, pending);
    }

    private async Task<bool> StorageUpAsync(CancellationToken cancellationToken)
    {
        var tables = Quietly(() => ledger.IsAvailableAsync(cancellationToken));
        var blobs = Quietly(() => archive.IsAvailableAsync(cancellationToken));
        return await tables && await blobs;
    }

    private static async Task<bool> Quietly(Func<Task<bool>> check)
    {
        try
        {
            return await check();
        }
        catch (Exception e) when (e is OperationCanceledException or BrokerUnavailableException or StorageUnavailableException)
        {
            return false;
        }
    }
}

/// <summary>The body of <c>GET /api/health</c>.</summary>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Checks, int OutboxPending);
