namespace IntegrationHub.Core.Storage;

/// <summary>The events the relay moved out of the outbox after too many failed attempts (shown by the dead-letter admin API).</summary>
public interface IPoisonedEvents
{
    /// <summary>Poisoned entries of <paramref name="topic"/> (all topics when null), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<PoisonEntry>> ListAsync(string? topic, int max, CancellationToken cancellationToken);
}
