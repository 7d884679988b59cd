namespace IntegrationHub.Core.Ioc;

/// <summary>One accepted event of an entity, as kept in its history.</summary>
public sealed record HistoryEntry(
    string EventId,
    string Source,
    DateTimeOffset EventTime,
    DateTimeOffset ReceivedAt,
    bool Published,
    bool SnapshotUpdated,
    byte[] EventJson);
