namespace IntegrationHub.Core.Ingest;

/// <summary>The explicit limits of the ingest endpoint (documented in the README).</summary>
public sealed class IngestLimits
{
    /// <summary>Largest request body in bytes (default 4 MiB); larger bodies get 413.</summary>
    public long MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Most events in one batched request (default 1,000); more gets 413.</summary>
    public int MaxBatchEvents { get; set; } = 1000;

    /// <summary>Deepest JSON nesting accepted (default 32; the contracts need 3); deeper gets 400.</summary>
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>How many events of one request are stored concurrently (kept for configuration compatibility; a request is now committed as a batch).</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>Longest value of an entity-key field, as written in the request: key fields become table keys (1 KiB).</summary>
    public const int MaxKeyFieldLength = 256;
}
