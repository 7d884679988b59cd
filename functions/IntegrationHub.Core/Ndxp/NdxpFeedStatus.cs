namespace IntegrationHub.Core.Ndxp;

/// <summary>A flagged feed's NDXP delivery as feed status shows it (<c>ndxp</c>; null for feeds not published nationally).</summary>
/// <param name="Delivered30Days">Messages delivered in the last 30 days.</param>
/// <param name="LastDeliveredAt">The latest 2xx.</param>
/// <param name="LastAttemptAt">The latest POST.</param>
/// <param name="LastOutcome"><c>delivered</c>, <c>retrying</c> or <c>deadLettered</c>: how the latest attempt ended.</param>
/// <param name="Retrying">Messages the latest run of the feed returned to the subscription to retry.</param>
/// <param name="DeadLettered30Days">Messages dead-lettered in the last 30 days.</param>
/// <param name="LatencyP50Ms">Median acceptance-to-delivery latency over 30 days (the upper edge of its histogram bucket).</param>
public sealed record NdxpFeedStatus(
    long Delivered30Days,
    DateTimeOffset? LastDeliveredAt,
    DateTimeOffset? LastAttemptAt,
    string? LastOutcome,
    long Retrying,
    long DeadLettered30Days,
    long? LatencyP50Ms)
{
    public static NdxpFeedStatus None { get; } = new(0, null, null, null, 0, 0, null);
}
