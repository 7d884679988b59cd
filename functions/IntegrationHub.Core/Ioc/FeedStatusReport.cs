namespace IntegrationHub.Core.Ioc;

/// <summary>Every catalogue feed's status at <see cref="At"/>; "today" is the province's day starting at <see cref="DayStart"/>.</summary>
public sealed record FeedStatusReport(DateTimeOffset At, DateTimeOffset DayStart, IReadOnlyList<FeedStatusView> Feeds);
