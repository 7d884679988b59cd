namespace IntegrationHub.Core.AsOf;

/// <summary>
/// One entity's state at an instant: the event that was its state then, with its data (absent when too large for a table
/// row; the history endpoint serves the whole record) and the snapshot version that event made (null when not recorded).
/// </summary>
public sealed record AsOfEntry(
    string Subject,
    string Commune,
    string EventId,
    string Source,
    DateTimeOffset EventTime,
    DateTimeOffset ReceivedAt,
    long? Version,
    byte[]? Data);
