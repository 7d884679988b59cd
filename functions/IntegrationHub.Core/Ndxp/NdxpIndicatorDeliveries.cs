using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Ndxp;

/// <summary>
/// I-02's input from the delivery log: each flagged feed's last delivery up to the instant asked for. Registered only while
/// a national endpoint is configured; without one I-02 is <c>unavailable</c> rather than a made-up 0%.
/// </summary>
/// <remarks>
/// The log keeps per-feed daily figures, so at a past instant a feed's last delivery is the latest one of the days before
/// it; a delivery later on that instant's own day hides an earlier one of the same day (the answer errs towards "not yet").
/// </remarks>
public sealed class NdxpIndicatorDeliveries(INdxpDeliveryLog log, FeedCatalogue catalogue) : INdxpDeliveries
{
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LastDeliveredAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var flagged = catalogue.Feeds.Where(f => f.PublishToNdxp).Select(f => f.Id).ToArray();
        var summaries = await log.SummariesAsync(flagged, at, cancellationToken);
        return summaries
            .Where(s => s.Value.LastDeliveredAt is { } last && last <= at)
            .ToDictionary(s => s.Key, s => s.Value.LastDeliveredAt!.Value, StringComparer.Ordinal);
    }
}
