using System.Text.Json;
using Amqp.Framing;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Messaging;

namespace IntegrationHub.Core.Tests.Ioc;

public class FreshnessMonitorTests
{
    private const string Feed = "pubsvc.dossier-status"; // cadence PT15M

    [Fact]
    public async Task First_run_stores_every_feed_state_without_alerting()
    {
        var harness = new IocHarness();
        await harness.AcceptAsync(Feed, harness.Now.AddMinutes(-1));

        var report = await harness.Monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal((10, 0, 0), (report.Checked, report.Changed, report.Alerts));
        Assert.Empty(harness.Publisher.Raw);
        Assert.Equal(FeedState.Fresh, harness.Store.State(Feed)!.State);
        Assert.Equal(FeedState.Silent, harness.Store.State("land.parcel-record")!.State);
    }

    [Fact]
    public async Task A_feed_going_late_raises_one_alert_cloud_event_on_the_alerts_topic()
    {
        var harness = new IocHarness();
        var lastEvent = harness.Now.AddMinutes(-1);
        await harness.AcceptAsync(Feed, lastEvent);
        await harness.Monitor.RunOnceAsync(CancellationToken.None);

        harness.Clock.SetUtcNow(harness.Now.AddMinutes(25)); // 26 min since the last event: past 1.5 × 15 min
        var report = await harness.Monitor.RunOnceAsync(CancellationToken.None);
        var again = await harness.Monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 1), (report.Changed, report.Alerts));
        Assert.Equal(0, again.Changed);
        var (topic, message) = Assert.Single(harness.Publisher.Raw);
        Assert.Equal(FeedCatalogue.AlertsTopic, topic);
        Assert.Equal(FeedStateAlert.Type, CloudEventAmqpMapper.Attribute(message, "type"));
        Assert.Equal("urn:lgsp:25:hub", CloudEventAmqpMapper.Attribute(message, "source"));
        Assert.Equal(Feed, CloudEventAmqpMapper.Attribute(message, "subject"));
        Assert.Equal("1.0", CloudEventAmqpMapper.Attribute(message, "specversion"));
        Assert.Equal(message.Properties.MessageId, CloudEventAmqpMapper.Attribute(message, "id"));
        using var data = JsonDocument.Parse(((Data)message.BodySection).Binary);
        Assert.Equal(Feed, data.RootElement.GetProperty("feedId").GetString());
        Assert.Equal(FeedState.Fresh, data.RootElement.GetProperty("previous").GetString());
        Assert.Equal(FeedState.Late, data.RootElement.GetProperty("current").GetString());
        Assert.Equal(lastEvent, data.RootElement.GetProperty("lastEventAt").GetDateTimeOffset());
        Assert.Equal(FeedState.Late, harness.Store.State(Feed)!.State);
        Assert.Equal(harness.Now, harness.Store.State(Feed)!.Since);
    }

    [Fact]
    public async Task When_the_broker_is_down_the_state_is_kept_so_the_next_run_alerts_again()
    {
        var harness = new IocHarness();
        await harness.AcceptAsync(Feed, harness.Now);
        await harness.Monitor.RunOnceAsync(CancellationToken.None);
        harness.Clock.SetUtcNow(harness.Now.AddHours(1));

        harness.Publisher.Down = true;
        var failed = await harness.Monitor.RunOnceAsync(CancellationToken.None);
        harness.Publisher.Down = false;
        var retried = await harness.Monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1), (failed.Changed, failed.Alerts, failed.Failed));
        Assert.Equal((1, 1, 0), (retried.Changed, retried.Alerts, retried.Failed));
        Assert.Equal(FeedState.Silent, harness.Store.State(Feed)!.State);
        using var data = JsonDocument.Parse(((Data)Assert.Single(harness.Publisher.Raw).Message.BodySection).Binary);
        Assert.Equal(FeedState.Fresh, data.RootElement.GetProperty("previous").GetString());
    }

    [Fact]
    public async Task A_feed_that_sends_again_returns_to_fresh_with_an_alert()
    {
        var harness = new IocHarness();
        await harness.Monitor.RunOnceAsync(CancellationToken.None); // all silent
        await harness.AcceptAsync(Feed, harness.Now.AddSeconds(30));
        harness.Clock.SetUtcNow(harness.Now.AddMinutes(1));

        var report = await harness.Monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, report.Alerts);
        using var data = JsonDocument.Parse(((Data)Assert.Single(harness.Publisher.Raw).Message.BodySection).Binary);
        Assert.Equal((FeedState.Silent, FeedState.Fresh), (data.RootElement.GetProperty("previous").GetString(), data.RootElement.GetProperty("current").GetString()));
    }

    [Fact]
    public async Task Each_run_records_the_indicators_for_the_hour_so_the_trend_grows()
    {
        var harness = new IocHarness();
        await harness.Monitor.RunOnceAsync(CancellationToken.None);
        harness.Clock.SetUtcNow(harness.Now.AddHours(1));
        await harness.Monitor.RunOnceAsync(CancellationToken.None);

        var report = await harness.Indicators.GetAsync(CancellationToken.None);

        Assert.Equal(2, report.Indicators.Single(i => i.Id == "I-01").Trend.Count);
        Assert.Equal(48, harness.Store.Points.Count); // 24 indicators × 2 hours
    }
}
