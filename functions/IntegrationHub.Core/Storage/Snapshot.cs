namespace IntegrationHub.Core.Storage;

/// <summary>The current state of one entity: the newest event (by CloudEvents time) accepted for it.</summary>
public sealed record Snapshot(
    string FeedId,
    string Subject,
    string Commune,
    string EventId,
    string Source,
    DateTimeOffset Time,
    DateTimeOffset ReceivedAt,
    long Version,
    byte[] EventJson);
