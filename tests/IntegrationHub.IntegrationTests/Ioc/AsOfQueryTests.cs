using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Core.AsOf;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>
/// <c>GET /api/snapshots/{feedId}?asOf=</c> over real HTTP and real Azurite: before any event, between updates, after, per
/// commune, late arrivals, moves, paging, and the same answers with and without checkpoints.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AsOfQueryTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private const string HoaBinh = "04795";
    private const string Other = "04924";
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_state_at_each_instant_is_what_had_arrived_by_then_with_and_without_checkpoints()
    {
        var now = DateTimeOffset.UtcNow;
        var t0 = await InstantAsync();
        await IocApi.PostAcceptedAsync(_hub, Health,
            Facility("25001", HoaBinh, 10, 1, now.AddHours(-3)), Facility("25002", HoaBinh, 20, 2, now.AddHours(-3)), Facility("25003", Other, 30, 3, now.AddHours(-3)));
        var t1 = await InstantAsync();
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("25001", HoaBinh, 11, 1, now.AddHours(-2)), Facility("25003", HoaBinh, 31, 3, now.AddHours(-2)));
        var t2 = await InstantAsync();

        // Late: 25002's event of 5 h ago is older than its state; 25004 happened 3 h ago but arrives only now.
        await IocApi.PostAcceptedAsync(_hub, Health, Facility("25002", Other, 99, 2, now.AddHours(-5)), Facility("25004", Other, 40, 4, now.AddHours(-3)));
        var t3 = await InstantAsync();

        var expected = new Dictionary<DateTimeOffset, string[]>
        {
            [t0] = [],
            [t1] = ["25001 04795 10", "25002 04795 20", "25003 04924 30"],
            [t2] = ["25001 04795 11", "25002 04795 20", "25003 04795 31"],
            [t3] = ["25001 04795 11", "25002 04795 20", "25003 04795 31", "25004 04924 40"],
        };

        async Task AssertAnswersAsync()
        {
            foreach (var (instant, state) in expected)
            {
                Assert.Equal(state, await StateAsync(instant, null, 2));
                Assert.Equal(state.Where(s => s.Contains(HoaBinh, StringComparison.Ordinal)), await StateAsync(instant, HoaBinh, 1));
                Assert.Equal(state.Where(s => s.Contains(Other, StringComparison.Ordinal)), await StateAsync(instant, Other, 100));
            }
        }

        await AssertAnswersAsync();
        var noCheckpoint = await IocApi.GetAsync(_hub, AsOfPath(Health, t3, null, 100));
        Assert.Null(noCheckpoint["checkpoint"]);

        // As of now the answer is the current list.
        var current = (await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Health}")).Items.Select(i => (string)i["eventId"]!).Order(StringComparer.Ordinal);
        var asOfNow = (await IocApi.GetAllPagesAsync(_hub, AsOfPath(Health, await InstantAsync(), null, 3))).Items.Select(i => (string)i["eventId"]!).Order(StringComparer.Ordinal);
        Assert.Equal(current, asOfNow);

        // A first checkpoint (from history) at t1, a second (from the first and the arrivals) at t2: the same answers.
        var checkpoints = _hub.App.Services.GetRequiredService<SnapshotCheckpoints>();
        var first = await checkpoints.WriteAsync(Health, t1, CancellationToken.None);
        var second = await checkpoints.WriteAsync(Health, t2, CancellationToken.None);
        var again = await checkpoints.WriteAsync(Health, t2, CancellationToken.None);
        Assert.Equal((CheckpointOutcome.Written, 3), (first.Outcome, first.Entities));
        Assert.Equal((CheckpointOutcome.Written, 3), (second.Outcome, second.Entities));
        Assert.Equal(CheckpointOutcome.Exists, again.Outcome);

        await AssertAnswersAsync();
        Assert.Equal(t2, (await IocApi.GetAsync(_hub, AsOfPath(Health, t3, null, 100)))["checkpoint"]!.GetValue<DateTimeOffset>());
        Assert.Equal(t1, (await IocApi.GetAsync(_hub, AsOfPath(Health, t1.AddTicks(10), null, 100)))["checkpoint"]!.GetValue<DateTimeOffset>());
        Assert.Null((await IocApi.GetAsync(_hub, AsOfPath(Health, t0, null, 100)))["checkpoint"]);

        var item = (await IocApi.GetAsync(_hub, AsOfPath(Health, t2, HoaBinh, 100)))["items"]!.AsArray().Single(i => (string?)i!["subject"] == "25003")!;
        Assert.Equal("Phường Hoà Bình", (string?)item["communeName"]);
        Assert.Equal(2, (int)item["version"]!);
    }

    [Fact]
    public async Task Pages_cover_every_entity_once_across_a_checkpoint_updates_and_new_entities()
    {
        var now = DateTimeOffset.UtcNow;
        string[] communes = [HoaBinh, Other, "05200"];
        await IocApi.PostAcceptedAsync(_hub, Land, Enumerable.Range(0, 24).Select(i => Parcel(communes[i % 3], 1, i + 1, now.AddHours(-4))).ToArray());
        var cutoff = await InstantAsync();
        await _hub.App.Services.GetRequiredService<SnapshotCheckpoints>().WriteAsync(Land, cutoff, CancellationToken.None);

        // After the checkpoint: six new parcels and new events for six existing ones.
        await IocApi.PostAcceptedAsync(_hub, Land, Enumerable.Range(24, 6).Select(i => Parcel(communes[i % 3], 1, i + 1, now.AddHours(-3)))
            .Concat(Enumerable.Range(0, 6).Select(i => Parcel(communes[i % 3], 1, i + 1, now.AddHours(-2)))).ToArray());
        var asOf = await InstantAsync();

        var (items, pages) = await IocApi.GetAllPagesAsync(_hub, AsOfPath(Land, asOf, null, 4));
        var (hoaBinh, hoaBinhPages) = await IocApi.GetAllPagesAsync(_hub, AsOfPath(Land, asOf, HoaBinh, 3));

        var subjects = items.Select(i => (string)i["subject"]!).ToList();
        Assert.Equal(30, subjects.Count);
        Assert.Equal(30, subjects.Distinct(StringComparer.Ordinal).Count());
        Assert.True(pages >= 8, $"30 entities in pages of 4 took {pages} page(s)");
        Assert.Equal(10, hoaBinh.Count);
        Assert.True(hoaBinhPages >= 4, $"10 entities in pages of 3 took {hoaBinhPages} page(s)");
        Assert.All(hoaBinh, i => Assert.Equal(HoaBinh, (string?)i["commune"]));
        Assert.Equal(6, items.Count(i => i["eventTime"]!.GetValue<DateTimeOffset>() > now.AddHours(-2.5)));
    }

    [Fact]
    public async Task A_continuation_token_is_bound_to_its_query()
    {
        var now = DateTimeOffset.UtcNow;
        await IocApi.PostAcceptedAsync(_hub, Land, Parcel(HoaBinh, 2, 1, now.AddHours(-1)), Parcel(HoaBinh, 2, 2, now.AddHours(-1)));
        var asOf = await InstantAsync();
        var token = (string?)(await IocApi.GetAsync(_hub, AsOfPath(Land, asOf, null, 1)))["continuationToken"];
        Assert.NotNull(token);

        using var client = _hub.ReaderClient();
        using var other = await client.GetAsync(AsOfPath(Land, asOf.AddSeconds(-1), null, 1) + "&continuationToken=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
        Assert.Equal("continuationToken", (string?)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task Many_events_of_one_entity_in_one_request_are_all_recorded_and_the_newest_is_its_state()
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, 60).Select(i => Facility("25009", HoaBinh, 100 + i, 1, now.AddMinutes(-120 + i))).ToArray();
        await IocApi.PostAcceptedAsync(_hub, Health, events);
        var asOf = await InstantAsync();

        var history = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Health}/25009/history?pageSize=500");
        Assert.Equal(60, history.Items.Count);
        Assert.Equal(["25009 04795 159"], await StateAsync(asOf, HoaBinh, 10));
        Assert.Equal(159, (int)(await IocApi.GetAsync(_hub, $"/api/snapshots/{Health}/25009"))["event"]!["data"]!["encounters"]!);
    }

    [Fact]
    public async Task The_timer_writes_each_feed_checkpoint_at_the_latest_province_midnight_once()
    {
        var checkpoints = _hub.App.Services.GetRequiredService<SnapshotCheckpoints>();
        var first = await checkpoints.RunOnceAsync(CancellationToken.None);
        var second = await checkpoints.RunOnceAsync(CancellationToken.None);

        var midnight = first[0].Cutoff;
        Assert.Equal(TimeSpan.Zero, midnight.ToOffset(TimeSpan.FromHours(7)).TimeOfDay);
        Assert.True(DateTimeOffset.UtcNow - midnight >= SnapshotCheckpoints.SettleTime && DateTimeOffset.UtcNow - midnight < TimeSpan.FromDays(1) + SnapshotCheckpoints.SettleTime);
        Assert.Equal(_hub.App.Services.GetRequiredService<IntegrationHub.Core.Contracts.FeedCatalogue>().Feeds.Count, first.Count);
        Assert.All(first, r => Assert.Equal((CheckpointOutcome.Written, midnight), (r.Outcome, r.Cutoff)));
        Assert.All(second, r => Assert.Equal(CheckpointOutcome.Exists, r.Outcome));
        Assert.Equal(midnight, (await IocApi.GetAsync(_hub, AsOfPath(Land, midnight.AddSeconds(1), null, 10)))["checkpoint"]!.GetValue<DateTimeOffset>());
    }

    [Theory]
    [InlineData("/api/snapshots/land.parcel-record?asOf=yesterday", "asOf")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2026-03-01T00:00:00", "asOf")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2999-01-01T00:00:00Z", "asOf")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2026-03-01T00:00:00Z&commune=4795", "commune")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2026-03-01T00:00:00Z&updatedSince=2026-02-01T00:00:00Z", "updatedSince")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2026-03-01T00:00:00Z&pageSize=0", "pageSize")]
    [InlineData("/api/snapshots/land.parcel-record?asOf=2026-03-01T00:00:00Z&continuationToken=%25%25", "continuationToken")]
    public async Task Bad_parameters_are_problem_details_naming_the_parameter(string path, string parameter)
    {
        using var client = _hub.ReaderClient();
        using var response = await client.GetAsync(path);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(parameter, (string?)body["parameter"]);
        Assert.Contains(parameter, (string?)body["detail"], StringComparison.Ordinal);
    }

    /// <summary>An instant after everything posted so far and before anything posted next.</summary>
    private static async Task<DateTimeOffset> InstantAsync()
    {
        await Task.Delay(20);
        var instant = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        return instant;
    }

    private static string AsOfPath(string feedId, DateTimeOffset asOf, string? commune, int pageSize) =>
        $"/api/snapshots/{feedId}?asOf={Uri.EscapeDataString(asOf.ToString("O"))}&pageSize={pageSize}" + (commune is null ? "" : $"&commune={commune}");

    /// <summary>"subject commune encounters" of every entity, all pages, ordered.</summary>
    private async Task<string[]> StateAsync(DateTimeOffset asOf, string? commune, int pageSize)
    {
        var (items, _) = await IocApi.GetAllPagesAsync(_hub, AsOfPath(Health, asOf, commune, pageSize));
        return items.Select(i => $"{i["subject"]} {i["commune"]} {i["data"]!["encounters"]}").Order(StringComparer.Ordinal).ToArray();
    }
}
