namespace IntegrationHub.Core.Completeness;

/// <summary>One run of the completeness monitor: senders checked, condition changes, alerts published and failed, arrival rows purged.</summary>
public sealed record CompletenessMonitorReport(int Checked, int Changed, int Alerts, int Failed, int Purged);
