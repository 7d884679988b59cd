using System.Threading.RateLimiting;
using IntegrationHub.Functions.Hosting.Identity;

namespace IntegrationHub.Functions.Hosting.Limits;

/// <summary>
/// Rate and concurrency limits per calling application (partitioned by the token's application id), so that one department's
/// runaway client cannot starve the others. Nothing queues: over a limit, the request is refused at once with 429.
/// </summary>
public sealed class CallerRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _rate;
    private readonly PartitionedRateLimiter<string> _concurrency;

    public CallerRateLimiter(RateLimitOptions options, SenderRegistry registry)
    {
        CallerLimit LimitOf(string appId) =>
            options.Apps.GetValueOrDefault(appId)
            ?? (registry.FindByClientId(appId) is { } app ? options.Apps.GetValueOrDefault(app.Name) : null)
            ?? options.Default;

        _rate = PartitionedRateLimiter.Create<string, string>(appId => RateLimitPartition.GetTokenBucketLimiter(appId, id =>
        {
            var limit = LimitOf(id);
            return new TokenBucketRateLimiterOptions
            {
                TokenLimit = limit.Burst,
                TokensPerPeriod = limit.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            };
        }));
        _concurrency = PartitionedRateLimiter.Create<string, string>(appId => RateLimitPartition.GetConcurrencyLimiter(appId, id =>
            new ConcurrencyLimiterOptions { PermitLimit = LimitOf(id).ConcurrentRequests, QueueLimit = 0 }));
    }

    /// <returns>A lease to dispose when the request is done, or the name of the limit hit and when to retry.</returns>
    public (IDisposable? Lease, string? Limit, TimeSpan RetryAfter) TryAcquire(string appId)
    {
        var concurrent = _concurrency.AttemptAcquire(appId);
        if (!concurrent.IsAcquired)
        {
            concurrent.Dispose();
            return (null, "concurrency", TimeSpan.FromSeconds(1));
        }

        var rate = _rate.AttemptAcquire(appId);
        if (!rate.IsAcquired)
        {
            var retryAfter = rate.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            rate.Dispose();
            concurrent.Dispose();
            return (null, "rate", retryAfter);
        }

        rate.Dispose();
        return (concurrent, null, TimeSpan.Zero);
    }

    public void Dispose()
    {
        _rate.Dispose();
        _concurrency.Dispose();
    }
}
