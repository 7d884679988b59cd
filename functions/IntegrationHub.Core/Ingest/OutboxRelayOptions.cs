namespace IntegrationHub.Core.Ingest;

/// <summary>How the relay finishes what the fast path could not.</summary>
public sealed class OutboxRelayOptions
{
    /// <summary>Entries younger than this are left to the fast path.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most entries read from the outbox at a time; a run reads batches while they come back full.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>Entries published at once within a batch.</summary>
    public int Concurrency { get; set; } = 16;

    /// <summary>A run stops taking new batches after this long (below the 30 s schedule, so runs do not pile up).</summary>
    public TimeSpan MaxRunDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First retry delay after a failed attempt; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Failed attempts (other than the broker being down) after which an entry moves to the poison table and an alert is raised,
    /// so that one entry that cannot be sent never holds the others.
    /// </summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>An entry unpublished for longer than this makes <c>/api/health</c> report degraded.</summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.FromMinutes(5);
}
