using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>An accepted event whose publication has not been confirmed yet.</summary>
public sealed record OutboxEntry(AcceptedEvent Event, int Attempts, DateTimeOffset CreatedAt, string ETag);
