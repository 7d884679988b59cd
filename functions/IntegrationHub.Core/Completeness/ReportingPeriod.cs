namespace IntegrationHub.Core.Completeness;

/// <summary>One reporting period as the API lists it: its bounds, its deadline, how it went and when its first record came.</summary>
public sealed record ReportingPeriod(DateTimeOffset Start, DateTimeOffset End, DateTimeOffset Deadline, string Status, DateTimeOffset? FirstReceivedAt);
