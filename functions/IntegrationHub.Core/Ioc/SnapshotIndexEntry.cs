namespace IntegrationHub.Core.Ioc;

/// <summary>
/// One entity's current state as the province-scale queries see it: the record's <c>data</c> (absent when it is
/// too large for a table row; the snapshot endpoint then serves it from Blob storage) and its times.
/// </summary>
public sealed record SnapshotIndexEntry(
    string FeedId,
    string Subject,
    string Commune,
    string EventId,
    DateTimeOffset EventTime,
    DateTimeOffset ReceivedAt,
    long Version,
    byte[]? Data);
