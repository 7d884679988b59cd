namespace IntegrationHub.Core.Retention;

/// <summary>What one run of <see cref="RetentionPurge"/> removed.</summary>
public sealed record RetentionReport(int FeedsPurged, int HistoryRows, int ArchiveBlobs, int AsOfRows = 0);
