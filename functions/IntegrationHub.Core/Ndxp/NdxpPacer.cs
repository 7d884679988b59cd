namespace IntegrationHub.Core.Ndxp;

/// <summary>Spaces POST starts at least 1/<see cref="NdxpOptions.MaxRequestsPerSecond"/> apart, over all feeds.</summary>
public sealed class NdxpPacer(NdxpOptions options, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private DateTimeOffset _next = DateTimeOffset.MinValue;

    /// <summary>Waits for this caller's slot.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var spacing = TimeSpan.FromSeconds(1 / options.MaxRequestsPerSecond);
        TimeSpan delay;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var slot = _next > now ? _next : now;
            _next = slot + spacing;
            delay = slot - now;
        }

        return delay > TimeSpan.Zero ? Task.Delay(delay, clock, cancellationToken) : Task.CompletedTask;
    }
}
