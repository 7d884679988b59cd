using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>
/// The health checks' last result, run again once it is older than <see cref="HealthOptions.CacheDuration"/>; callers arriving
/// while a run is in progress wait for that run instead of starting their own.
/// </summary>
public sealed class HubHealth(HealthCheckService checks, HealthOptions options, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private HealthReport? _last;

    /// <summary>How many times the checks have run (the cache's effect, visible to tests).</summary>
    public int Runs { get; private set; }

    public async Task<HealthReport> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_last) is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_last) is { } again)
            {
                return again;
            }

            // Not the caller's token: a run that one impatient caller abandons would leave the others nothing to share.
            var report = await checks.CheckHealthAsync(CancellationToken.None);
            Runs++;
            _last = Map(report, clock.GetUtcNow());
            return _last;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private HealthReport? Fresh(HealthReport? report) =>
        report is not null && clock.GetUtcNow() - report.CheckedAt < options.CacheDuration ? report : null;

    private static HealthReport Map(Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report, DateTimeOffset now)
    {
        string Value(string name, string otherwise) => report.Entries.TryGetValue(name, out var entry) && entry.Description is { } d ? d : otherwise;
        var outbox = report.Entries.GetValueOrDefault(OutboxHealthCheck.Name);
        var pending = outbox.Data is not null && outbox.Data.TryGetValue(OutboxHealthCheck.PendingKey, out var p) ? (int)p : 0;
        var status = report.Status switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Degraded => "degraded",
            _ => "unhealthy",
        };
        return new HealthReport(status, new Dictionary<string, string>
        {
            [StorageHealthCheck.Name] = Value(StorageHealthCheck.Name, "down"),
            [BrokerHealthCheck.Name] = Value(BrokerHealthCheck.Name, "down"),
            [OutboxHealthCheck.Name] = Value(OutboxHealthCheck.Name, "unknown"),
        }, pending, now);
    }
}
