namespace IntegrationHub.Core.Storage;

/// <summary>How much is waiting to be published, and since when.</summary>
public sealed record OutboxSummary(int Pending, DateTimeOffset? OldestCreatedAt);
