namespace IntegrationHub.Functions.Hosting.Limits;

/// <summary>The limits of one calling application: a token bucket for its request rate, and its requests in flight.</summary>
public sealed class CallerLimit
{
    /// <summary>Requests per second, sustained (the bucket's refill).</summary>
    public int RequestsPerSecond { get; set; } = 100;

    /// <summary>Requests that may arrive at once after a quiet spell (the bucket's size).</summary>
    public int Burst { get; set; } = 200;

    /// <summary>Requests of the application being handled at the same moment.</summary>
    public int ConcurrentRequests { get; set; } = 32;

    public bool IsValid => RequestsPerSecond > 0 && Burst > 0 && ConcurrentRequests > 0;
}
