using IntegrationHub.Core.Ingest;

namespace IntegrationHub.Core.Storage;

/// <summary>
/// An accepted event whose publication has not been confirmed yet. <see cref="LoadError"/> is set when the entry could not
/// be read whole (its record blob is missing, say): the relay then counts it as a failed attempt, like any other error.
/// </summary>
public sealed record OutboxEntry(AcceptedEvent Event, int Attempts, DateTimeOffset CreatedAt, string ETag, string? LoadError = null);
