namespace IntegrationHub.Functions.Hosting.Health;

/// <summary>Section <c>Hub:Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Hub:Health";

    /// <summary>
    /// How long one run of the checks answers <c>GET /api/health</c>: probes and load balancers may call it every second, and
    /// each run reads storage, the broker and the outbox. 10–30 s in production; tests that watch a fault shorten it.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsValid => CacheDuration >= TimeSpan.FromSeconds(1) && CacheDuration <= TimeSpan.FromSeconds(60);
}
