namespace IntegrationHub.Core.Reports;

/// <summary>What one run of the generator did: the ids it generated and how many were already stored.</summary>
public sealed record ReportRun(IReadOnlyList<string> Generated, int AlreadyStored);
