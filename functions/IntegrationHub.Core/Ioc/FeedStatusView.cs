using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Ioc;

/// <summary>
/// One feed as <c>GET /api/feeds/status</c> shows it; <see cref="Ndxp"/> is null for a feed not published nationally,
/// <see cref="Completeness"/> the summary of <c>GET /api/completeness</c> (null where completeness is not served).
/// </summary>
public sealed record FeedStatusView(
    string FeedId,
    LocalizedText Title,
    FeedOwner Department,
    string Cadence,
    double CadenceSeconds,
    double LateAfterSeconds,
    double SilentAfterSeconds,
    DateTimeOffset? LastEventAt,
    string State,
    DateTimeOffset? StateSince,
    FeedCounts Today,
    FeedCounts Last24Hours,
    IReadOnlyList<RejectionReason> TopRejections,
    NdxpFeedStatus? Ndxp = null,
    Completeness.CompletenessSummary? Completeness = null);
