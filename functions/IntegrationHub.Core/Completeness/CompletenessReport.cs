namespace IntegrationHub.Core.Completeness;

/// <summary><c>GET /api/completeness</c>: every feed's expected against received reporting periods over the window.</summary>
public sealed record CompletenessReport(DateTimeOffset At, int WindowDays, IReadOnlyList<FeedCompleteness> Feeds);
