namespace IntegrationHub.Functions.Hosting.Limits;

/// <summary>
/// Section <c>Hub:RateLimits</c>: <c>Default</c> for every calling application, and <c>Apps:&lt;name or client id&gt;</c> (a name
/// of the sender registry, or the Entra ID application id) for one that needs other limits.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Hub:RateLimits";

    public CallerLimit Default { get; set; } = new();

    public Dictionary<string, CallerLimit> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public bool IsValid(out string problem)
    {
        if (!Default.IsValid)
        {
            problem = $"{Section}:Default: RequestsPerSecond, Burst and ConcurrentRequests must be positive.";
            return false;
        }

        foreach (var (app, limit) in Apps)
        {
            if (!limit.IsValid)
            {
                problem = $"{Section}:Apps:{app}: RequestsPerSecond, Burst and ConcurrentRequests must be positive.";
                return false;
            }
        }

        problem = "";
        return true;
    }
}
