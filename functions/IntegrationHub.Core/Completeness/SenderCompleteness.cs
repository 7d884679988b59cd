namespace IntegrationHub.Core.Completeness;

/// <summary>One sender (a CloudEvents <c>source</c> of the catalogue) of a feed: its summary and its latest periods.</summary>
public sealed record SenderCompleteness(string Source, CompletenessSummary Summary, IReadOnlyList<ReportingPeriod> Periods);
