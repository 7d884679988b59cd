namespace IntegrationHub.Core.Ioc;

/// <summary>Records received for a feed over a period, by outcome.</summary>
public sealed record FeedCounts(long Accepted, long Rejected, long Duplicates)
{
    public static FeedCounts Sum(IEnumerable<HourBucket> buckets)
    {
        long accepted = 0, rejected = 0, duplicates = 0;
        foreach (var b in buckets)
        {
            accepted += b.Accepted;
            rejected += b.Rejected;
            duplicates += b.Duplicates;
        }

        return new FeedCounts(accepted, rejected, duplicates);
    }
}
