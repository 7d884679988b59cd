namespace IntegrationHub.IntegrationTests.Messaging.Contract;

/// <summary>A message as a consumer of either transport received it, in terms both brokers share.</summary>
public sealed record ContractMessage(
    string? MessageId,
    string? CorrelationId,
    string? Subject,
    string? ContentType,
    IReadOnlyDictionary<string, object?> Properties,
    byte[] Body)
{
    /// <summary>A timestamp property as an instant, whether the client decoded it as DateTime or DateTimeOffset.</summary>
    public DateTimeOffset? Instant(string property) => Properties.GetValueOrDefault(property) switch
    {
        DateTimeOffset instant => instant,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => null,
    };
}
