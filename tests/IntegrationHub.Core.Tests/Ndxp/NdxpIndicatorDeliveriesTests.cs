using IntegrationHub.Core.Ndxp;

namespace IntegrationHub.Core.Tests.Ndxp;

public sealed class NdxpIndicatorDeliveriesTests
{
    [Fact]
    public async Task Only_flagged_feeds_that_delivered_by_the_instant_are_counted_as_delivered()
    {
        var flagged = Support.Contracts.Catalogue.Feeds.Where(f => f.PublishToNdxp).Select(f => f.Id).ToArray();
        Assert.True(flagged.Length >= 3);
        var at = SampleTime.Now;
        var log = new SummariesLog(new Dictionary<string, NdxpFeedStatus>
        {
            [flagged[0]] = NdxpFeedStatus.None with { Delivered30Days = 4, LastDeliveredAt = at.AddHours(-2) },
            [flagged[1]] = NdxpFeedStatus.None with { Delivered30Days = 1, LastDeliveredAt = at.AddHours(3) }, // after the instant
            [flagged[2]] = NdxpFeedStatus.None,
        });

        var delivered = await new NdxpIndicatorDeliveries(log, Support.Contracts.Catalogue).LastDeliveredAsync(at, CancellationToken.None);

        Assert.Equal([flagged[0]], delivered.Keys);
        Assert.Equal(at.AddHours(-2), delivered[flagged[0]]);
        Assert.Equal(flagged.Order(), log.AskedFor!.Order());
        Assert.Equal(at, log.AskedAt);
    }

    private sealed class SummariesLog(IReadOnlyDictionary<string, NdxpFeedStatus> summaries) : INdxpDeliveryLog
    {
        public IReadOnlyCollection<string>? AskedFor { get; private set; }

        public DateTimeOffset AskedAt { get; private set; }

        public Task<IReadOnlyDictionary<string, NdxpFeedStatus>> SummariesAsync(IReadOnlyCollection<string> feedIds, DateTimeOffset now, CancellationToken cancellationToken)
        {
            (AskedFor, AskedAt) = (feedIds, now);
            return Task.FromResult(summaries);
        }

        public Task<NdxpDelivery?> FindAsync(string feedId, string messageId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task SaveAsync(NdxpDelivery delivery, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task RecordRunAsync(NdxpFeedRun run, DateTimeOffset now, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
