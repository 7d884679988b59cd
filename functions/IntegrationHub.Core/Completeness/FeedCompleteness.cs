using IntegrationHub.Core.Contracts;

namespace IntegrationHub.Core.Completeness;

/// <summary>
/// One feed's completeness: the worst of its senders per period and overall, each sender's own, and the entities that
/// stopped reporting by commune (empty, with null counts, when the feed's entities report only on change).
/// </summary>
public sealed record FeedCompleteness(
    string FeedId,
    FeedOwner Department,
    string Cadence,
    string Reporting,
    double GraceSeconds,
    DateTimeOffset TrackedSince,
    CompletenessSummary Summary,
    IReadOnlyList<ReportingPeriod> Periods,
    IReadOnlyList<SenderCompleteness> Senders,
    IReadOnlyList<CommuneSilence> SilentByCommune);
