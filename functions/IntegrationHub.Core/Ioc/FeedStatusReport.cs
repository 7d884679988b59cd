using IntegrationHub.Core.Completeness;

namespace IntegrationHub.Core.Ioc;

/// <summary>Every catalogue feed's status at <see cref="At"/>; "today" is the province's day starting at <see cref="DayStart"/>.</summary>
public sealed record FeedStatusReport(DateTimeOffset At, DateTimeOffset DayStart, IReadOnlyList<FeedStatusView> Feeds)
{
    /// <summary>
    /// The same status with each feed's completeness summary, for the status endpoint only: the indicators and the monitors
    /// read feed status without paying for a completeness computation.
    /// </summary>
    public FeedStatusReport WithCompleteness(CompletenessReport completeness) => this with
    {
        Feeds = Feeds.Select(f => f with { Completeness = completeness.Feeds.FirstOrDefault(c => c.FeedId == f.FeedId)?.Summary }).ToArray(),
    };
}
