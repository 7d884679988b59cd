namespace IntegrationHub.Core.Ioc;

/// <summary>One run of the freshness monitor: feeds checked, state changes seen, alerts published, alerts that failed.</summary>
public sealed record FreshnessReport(int Checked, int Changed, int Alerts, int Failed);
