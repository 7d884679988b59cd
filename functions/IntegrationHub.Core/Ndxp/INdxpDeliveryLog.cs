namespace IntegrationHub.Core.Ndxp;

/// <summary>The record of every delivery to NDXP, and each flagged feed's figures from it.</summary>
public interface INdxpDeliveryLog
{
    Task<NdxpDelivery?> FindAsync(string feedId, string messageId, CancellationToken cancellationToken);

    Task SaveAsync(NdxpDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Adds a run's figures to the feed's day (the province-independent UTC day of <paramref name="now"/>).</summary>
    Task RecordRunAsync(NdxpFeedRun run, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Each feed's figures over the 30 days before <paramref name="now"/>; a feed never forwarded has <see cref="NdxpFeedStatus.None"/>.</summary>
    Task<IReadOnlyDictionary<string, NdxpFeedStatus>> SummariesAsync(IReadOnlyCollection<string> feedIds, DateTimeOffset now, CancellationToken cancellationToken);
}
