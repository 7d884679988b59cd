using System.Text.Json;
using Amqp.Framing;
using IntegrationHub.Core.Completeness;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Messaging;
using IntegrationHub.Core.Tests.Ioc;
using IntegrationHub.Core.Validation;
using Microsoft.Extensions.Logging.Abstractions;

namespace IntegrationHub.Core.Tests.Completeness;

/// <summary>The monitor over in-memory ports and the real catalogue; the samples' clock, Friday 2026-11-20 12:00 +07:00.</summary>
public class CompletenessMonitorTests
{
    private const string Schools = "edu.school-status"; // P1D, one source
    private readonly FakeTimeProvider _clock = SampleTime.Clock();
    private readonly InMemoryCompletenessStore _store = new();
    private readonly InMemorySnapshotIndex _index = new();
    private readonly RecordingPublisher _publisher = new();
    private readonly IocOptions _options = new();
    private readonly ProvinceTime _time = new(TimeSpan.FromHours(7));
    private readonly CompletenessService _service;
    private readonly CompletenessMonitor _monitor;

    public CompletenessMonitorTests()
    {
        _service = new CompletenessService(Support.Contracts.Catalogue, _store, _index, new FreshnessRules(_options), Support.Contracts.AdminUnits, _options, _time, _clock);
        _monitor = new CompletenessMonitor(_service, _store, _publisher, new ValidationOptions(), _options, _clock, NullLogger<CompletenessMonitor>.Instance);
    }

    private static string Source => Support.Contracts.Catalogue.Find(Schools)!.Sources[0];

    private IEnumerable<Amqp.Message> AlertsOf(string feedId) => _publisher.Raw.Where(r => r.Message.Properties.Subject == feedId).Select(r => r.Message);

    private static JsonElement Data(Amqp.Message message) => JsonDocument.Parse(((Data)message.BodySection).Binary).RootElement;

    [Fact]
    public async Task First_run_stores_every_sender_without_alerting()
    {
        var report = await _monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(Support.Contracts.Catalogue.Feeds.Sum(f => f.Sources.Count), report.Checked);
        Assert.Equal((0, 0), (report.Changed, report.Alerts));
        Assert.Empty(_publisher.Raw);
        Assert.Equal(SenderAlertState.Ok, _store.State(Schools, Source)!.Condition);
    }

    [Fact]
    public async Task A_silent_sender_raises_one_alert_and_its_recovery_another()
    {
        await _monitor.RunOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(1)); // Tuesday 13:00: Saturday, Sunday, Monday due and missing

        await _monitor.RunOnceAsync(CancellationToken.None);
        await _monitor.RunOnceAsync(CancellationToken.None);

        var silent = Assert.Single(AlertsOf(Schools));
        Assert.Equal(CompletenessAlert.Type, CloudEventAmqpMapper.Attribute(silent, "type"));
        Assert.Equal(FeedCatalogue.AlertsTopic, _publisher.Raw.First(r => r.Message == silent).Topic);
        Assert.Equal(("ok", "silent", 3), ((string?)Data(silent).GetProperty("previous").GetString(), Data(silent).GetProperty("current").GetString(),
            Data(silent).GetProperty("missingStreak").GetInt32()));
        Assert.Equal(Source, Data(silent).GetProperty("source").GetString());

        var tuesday = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(7));
        await _store.RecordAsync([new PeriodArrival(Schools, Source, tuesday, _clock.GetUtcNow())], CancellationToken.None);
        await _monitor.RunOnceAsync(CancellationToken.None);

        var recovered = AlertsOf(Schools).Last();
        Assert.Equal(2, AlertsOf(Schools).Count());
        Assert.Equal(("silent", "ok"), (Data(recovered).GetProperty("previous").GetString(), Data(recovered).GetProperty("current").GetString()));
        Assert.NotEqual(silent.Properties.MessageId, recovered.Properties.MessageId);
    }

    [Fact]
    public async Task A_late_streak_raises_an_alert()
    {
        await _monitor.RunOnceAsync(CancellationToken.None);
        var saturday = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.FromHours(7));
        for (var day = 0; day < 3; day++)
        {
            // each day's data a day and a half late: after the next day's noon deadline
            await _store.RecordAsync([new PeriodArrival(Schools, Source, saturday.AddDays(day), saturday.AddDays(day + 1.6))], CancellationToken.None);
        }

        _clock.SetUtcNow(saturday.AddDays(3.6));
        var report = await _monitor.RunOnceAsync(CancellationToken.None);

        var alert = Assert.Single(AlertsOf(Schools));
        Assert.Equal(("lateStreak", 3), (Data(alert).GetProperty("current").GetString(), Data(alert).GetProperty("lateStreak").GetInt32()));
        Assert.True(report.Alerts >= 1);
    }

    [Fact]
    public async Task When_the_broker_is_down_the_condition_is_kept_and_the_alert_raised_next_run()
    {
        await _monitor.RunOnceAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromDays(4) + TimeSpan.FromHours(1));
        _publisher.Down = true;

        var down = await _monitor.RunOnceAsync(CancellationToken.None);
        _publisher.Down = false;
        await _monitor.RunOnceAsync(CancellationToken.None);

        Assert.True(down.Failed >= 1);
        Assert.Equal(0, down.Alerts);
        Assert.Single(AlertsOf(Schools));
        Assert.Equal(SenderAlertState.Silent, _store.State(Schools, Source)!.Condition);
    }

    [Fact]
    public async Task Arrival_rows_older_than_two_windows_are_purged()
    {
        var old = _clock.GetUtcNow().AddDays(-61);
        await _store.RecordAsync([new PeriodArrival(Schools, Source, old, old)], CancellationToken.None);

        var report = await _monitor.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, report.Purged);
    }
}
