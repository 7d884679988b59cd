namespace IntegrationHub.Core.Audit;

/// <summary>A checkpoint: the chain's head sequence and hash at a time, kept apart from the chain so truncation shows.</summary>
public sealed record AuditCheckpointRecord(long Sequence, string Hash, DateTimeOffset Time);
