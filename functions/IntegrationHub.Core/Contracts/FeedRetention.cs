namespace IntegrationHub.Core.Contracts;

/// <summary>
/// How long a feed's data is kept (catalogue <c>retention</c>): history rows for <paramref name="HistoryDays"/> after the hub
/// received them, request bodies in the archive for <paramref name="ArchiveDays"/>. Current snapshots are kept regardless.
/// </summary>
public sealed record FeedRetention(int HistoryDays, int ArchiveDays)
{
    /// <summary>Longest period the catalogue may state (100 years).</summary>
    public const int MaxDays = 36_500;
}
