namespace IntegrationHub.Core.Ndxp;

/// <summary>One message's delivery record: every attempt updates it.</summary>
/// <param name="FeedId">The catalogue feed.</param>
/// <param name="MessageId">The message id, the idempotency key the endpoint received.</param>
/// <param name="EventId">The CloudEvent id.</param>
/// <param name="Status">One of <see cref="NdxpDeliveryStatus"/>.</param>
/// <param name="Attempts">POSTs made for this message so far (a 401 retry with a new token is the same attempt).</param>
/// <param name="FirstAttemptAt">When the first POST was made.</param>
/// <param name="LastAttemptAt">When the latest POST was made.</param>
/// <param name="DeliveredAt">When the endpoint answered 2xx.</param>
/// <param name="LatencyMs">From the hub's acceptance of the event (<c>recvtime</c>) to <paramref name="DeliveredAt"/>.</param>
/// <param name="LastResult">The latest answer, e.g. <c>HTTP 503</c> or <c>timeout</c>.</param>
/// <param name="Reason">The dead-letter reason, when dead-lettered.</param>
public sealed record NdxpDelivery(
    string FeedId,
    string MessageId,
    string? EventId,
    string Status,
    int Attempts,
    DateTimeOffset FirstAttemptAt,
    DateTimeOffset LastAttemptAt,
    DateTimeOffset? DeliveredAt,
    long? LatencyMs,
    string? LastResult,
    string? Reason);
