namespace IntegrationHub.Core.AsOf;

/// <summary>
/// One thing known about an entity's state: an accepted event as recorded (<see cref="IsRecord"/>), or only the time and
/// arrival of an event that beat a recorded one when it was committed (a bound, without commune or data).
/// </summary>
public sealed record AsOfObservation(
    string Subject,
    string Commune,
    string EventId,
    string Source,
    DateTimeOffset EventTime,
    DateTimeOffset ReceivedAt,
    string KeyHash,
    long? Version,
    byte[]? Data,
    bool IsRecord)
{
    /// <summary>The bound left by an event that beat another at commit: known only by its event time and arrival.</summary>
    public static AsOfObservation Bound(string subject, DateTimeOffset eventTime, DateTimeOffset receivedAt) =>
        new(subject, "", "", "", eventTime, receivedAt, "", null, null, IsRecord: false);
}
