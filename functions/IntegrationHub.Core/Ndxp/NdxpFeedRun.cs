namespace IntegrationHub.Core.Ndxp;

/// <summary>What one forwarder run did for one feed, added to the feed's daily figures.</summary>
/// <param name="FeedId">The catalogue feed.</param>
/// <param name="Delivered">Messages completed after a 2xx.</param>
/// <param name="Retrying">Messages abandoned to retry.</param>
/// <param name="DeadLettered">Messages dead-lettered.</param>
/// <param name="LatenciesMs">Acceptance-to-delivery latency of each delivered message.</param>
/// <param name="LastDeliveredAt">The run's latest 2xx.</param>
/// <param name="LastAttemptAt">The run's latest POST.</param>
/// <param name="LastOutcome">How the run's latest attempt ended.</param>
public sealed record NdxpFeedRun(
    string FeedId,
    int Delivered,
    int Retrying,
    int DeadLettered,
    IReadOnlyList<long> LatenciesMs,
    DateTimeOffset? LastDeliveredAt,
    DateTimeOffset? LastAttemptAt,
    string? LastOutcome);
