using System.Runtime.CompilerServices;
using System.Text.Json;
using IntegrationHub.Core.Ioc;
using IntegrationHub.Core.Ioc.Indicators;

namespace IntegrationHub.Core.Tests.Ioc;

/// <summary>Indicators at a past instant: through a snapshot source that serves it, or not at all.</summary>
public class IndicatorsAtInstantTests
{
    [Fact]
    public async Task Without_a_source_for_past_instants_a_past_instant_has_no_answer_and_now_is_the_current_report()
    {
        var harness = new IocHarness();

        Assert.Null(await harness.Indicators.GetAtAsync(harness.Now.AddDays(-3), CancellationToken.None));
        var now = await harness.Indicators.GetAtAsync(harness.Now.AddSeconds(-20), CancellationToken.None);
        Assert.Equal(harness.Now, now!.ComputedAt);
    }

    [Fact]
    public async Task A_past_instant_is_computed_from_the_source_that_serves_it_with_the_targets_of_that_year()
    {
        var at = new DateTimeOffset(2025, 6, 30, 23, 0, 0, TimeSpan.FromHours(7));
        var past = new FixedPastSource(at, new SnapshotIndexEntry("pubsvc.dossier-status", "d1", "04795", "e1", at.AddDays(-1), at.AddDays(-1), 1,
            JsonSerializer.SerializeToUtf8Bytes(new { channel = "ONLINE_FULL", receivedAt = "2025-06-29T09:00:00+07:00" })));
        var harness = new IocHarness(pastSources: past);
        harness.AddSnapshot("pubsvc.dossier-status", "d1", "04795", new { channel = "IN_PERSON", receivedAt = "2026-11-19T09:00:00+07:00" }); // today's state

        var report = await harness.Indicators.GetAtAsync(at, CancellationToken.None);

        Assert.Equal(at, report!.ComputedAt);
        var online = report.Indicators.Single(i => i.Id == "I-05");
        Assert.Equal((1L, 1L, 100.0), (online.Numerator, online.Denominator, online.Value)); // the state of 30 June 2025, not today's
        Assert.Equal((80.0, 2025, "HB"), (online.Target!.Value, online.TargetYear!.Value, online.TargetPlan)); // in 2025 the 2025 targets are in force
        Assert.Equal(86400.0, online.Freshness!.AgeSeconds);
        var integrated = report.Indicators.Single(i => i.Id == "I-01");
        Assert.Equal((IndicatorStatus.Unavailable, (double?)null), (integrated.Status, integrated.Value)); // feed status is not kept for the past
        Assert.Contains("present only", integrated.UnavailableReason!.En, StringComparison.Ordinal);
        Assert.Empty(online.Trend);
    }

    /// <summary>A state-at-an-instant source holding one instant's entities.</summary>
    private sealed class FixedPastSource(DateTimeOffset instant, params SnapshotIndexEntry[] entries) : IIndicatorSnapshotSource
    {
        public bool Serves(DateTimeOffset at, DateTimeOffset now) => at == instant;

        public async IAsyncEnumerable<SnapshotIndexEntry> ScanFeedAsync(string feedId, DateTimeOffset at, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            foreach (var entry in entries.Where(e => e.FeedId == feedId))
            {
                yield return entry;
            }
        }
    }
}
