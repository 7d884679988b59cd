namespace IntegrationHub.Core.Ndxp;

/// <summary>How one POST to the national endpoint ended.</summary>
/// <param name="StatusCode">The HTTP status; null when no answer came (timeout, connection failure).</param>
/// <param name="RetryAfter">The answer's <c>Retry-After</c>, as a delay from now.</param>
/// <param name="Failure">A short description when no answer came (never the record).</param>
public sealed record NdxpAttempt(int? StatusCode, TimeSpan? RetryAfter, string? Failure)
{
    public bool IsSuccess => StatusCode is >= 200 and < 300;
}
