namespace IntegrationHub.Core.Storage;

/// <summary>An accepted event the relay gave up publishing after its attempt cap; kept, with why, for an operator.</summary>
public sealed record PoisonEntry(
    string FeedId,
    string Topic,
    string KeyHash,
    string Source,
    string EventId,
    string Subject,
    int Attempts,
    string Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset PoisonedAt);
