using IntegrationHub.Core.Ioc;

namespace IntegrationHub.Core.Tests.Ioc;

public class FeedStatusServiceTests
{
    [Fact]
    public async Task Today_is_the_province_day_and_last_24_hours_spans_midnight()
    {
        var harness = new IocHarness(); // now: 2026-11-20 12:00 +07:00
        var feed = "edu.school-status";
        await harness.AcceptAsync(feed, new DateTimeOffset(2026, 11, 19, 11, 30, 0, TimeSpan.FromHours(7)), accepted: 100); // 24.5 h ago: outside both
        await harness.AcceptAsync(feed, new DateTimeOffset(2026, 11, 19, 23, 59, 0, TimeSpan.FromHours(7)), accepted: 5, rejected: 1);
        await harness.AcceptAsync(feed, new DateTimeOffset(2026, 11, 19, 17, 10, 0, TimeSpan.Zero), accepted: 2, duplicates: 3); // 00:10 +07:00 on the 20th
        await harness.AcceptAsync(feed, new DateTimeOffset(2026, 11, 20, 11, 59, 0, TimeSpan.FromHours(7)), accepted: 1, rejected: 2);

        var view = (await harness.Status.GetAsync(CancellationToken.None)).Feeds.Single(f => f.FeedId == feed);

        Assert.Equal(new FeedCounts(3, 2, 3), view.Today);
        Assert.Equal(new FeedCounts(8, 3, 3), view.Last24Hours);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 11, 59, 0, TimeSpan.FromHours(7)), view.LastEventAt);
        Assert.Equal(FeedState.Fresh, view.State);
        var reason = Assert.Single(view.TopRejections);
        Assert.Equal(("/data/x", 3L), (reason.Pointer, reason.Count));
    }

    [Fact]
    public async Task Every_catalogue_feed_is_listed_and_one_that_never_sent_is_silent_with_zero_counts()
    {
        var harness = new IocHarness();
        var report = await harness.Status.GetAsync(CancellationToken.None);

        Assert.Equal(Support.Contracts.Catalogue.Feeds.Select(f => f.Id), report.Feeds.Select(f => f.FeedId));
        Assert.All(report.Feeds, f =>
        {
            Assert.Equal(FeedState.Silent, f.State);
            Assert.Null(f.LastEventAt);
            Assert.Equal(new FeedCounts(0, 0, 0), f.Today);
        });
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(7)), report.DayStart);
    }

    [Fact]
    public async Task Late_and_silent_thresholds_are_reported_with_the_cadence()
    {
        var harness = new IocHarness();
        await harness.AcceptAsync("land.parcel-record", harness.Now.AddMinutes(-100)); // cadence PT1H: late after 90 min
        var view = (await harness.Status.GetAsync(CancellationToken.None)).Feeds.Single(f => f.FeedId == "land.parcel-record");

        Assert.Equal(FeedState.Late, view.State);
        Assert.Equal("PT1H", view.Cadence);
        Assert.Equal(5400, view.LateAfterSeconds);
        Assert.Equal(10800, view.SilentAfterSeconds);
    }
}
