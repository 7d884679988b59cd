namespace IntegrationHub.Core.Reports;

/// <summary>A stored report as listed: what it covers and when it was made, read from its metadata without its bodies.</summary>
public sealed record StoredReport(string Id, string Kind, string Scope, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset GeneratedAt);
