using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using static IntegrationHub.IntegrationTests.Ioc.IocEvents;

namespace IntegrationHub.IntegrationTests.Ioc;

/// <summary>The snapshot query API over real HTTP and real Azurite: commune partitions, updatedSince, paging, history.</summary>
[Collection(StackCollection.Name)]
public sealed class SnapshotQueryTests(SharedStackFixture fixture) : IAsyncLifetime
{
    private RunningHub _hub = null!;

    public async Task InitializeAsync() => _hub = await RunningHub.StartAsync(fixture.Stack);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Lists_a_feed_by_commune_and_since_a_time_in_pages_that_end()
    {
        var now = DateTimeOffset.UtcNow;
        await IocApi.PostAcceptedAsync(_hub, Land,
            Parcel("04795", 1, 1, now.AddHours(-3)), Parcel("04795", 1, 2, now.AddHours(-3)), Parcel("04795", 1, 3, now.AddHours(-3)),
            Parcel("04924", 2, 1, now.AddHours(-3)), Parcel("05200", 3, 1, now.AddHours(-3)));
        var before = (await IocApi.GetAsync(_hub, "/api/feeds/status"))["at"]!.GetValue<DateTimeOffset>();
        await IocApi.PostAcceptedAsync(_hub, Land, Parcel("05200", 3, 2, now.AddHours(-2)));

        var (all, pages) = await IocApi.GetAllPagesAsync(_hub, $"/api/snapshots/{Land}?pageSize=2");
        var hoaBinh = await IocApi.GetAsync(_hub, $"/api/snapshots/{Land}?commune=04795");
        var since = await IocApi.GetAsync(_hub, $"/api/snapshots/{Land}?updatedSince={Uri.EscapeDataString(before.ToString("O"))}");

        Assert.Equal(["04795-1-1", "04795-1-2", "04795-1-3", "04924-2-1", "05200-3-1", "05200-3-2"], all.Select(i => (string)i["subject"]!).Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"6 items in pages of 2 took {pages} page(s)");
        Assert.Equal(3, hoaBinh["items"]!.AsArray().Count);
        Assert.All(hoaBinh["items"]!.AsArray(), i =>
        {
            Assert.Equal("04795", (string?)i!["commune"]);
            Assert.Equal("Phường Hoà Bình", (string?)i["communeName"]);
            Assert.Equal("ONT", (string?)i["data"]!["landUseCode"]);
        });
        Assert.Equal("05200-3-2", (string?)Assert.Single(since["items"]!.AsArray())!["subject"]);
    }

    [Fact]
    public async Task An_entity_that_moves_to_another_commune_is_listed_only_there()
    {
        var now = DateTimeOffset.UtcNow;
        await IocApi.PostAcceptedAsync(_hub, Dossiers, Dossier("H25-MOVE-0001", "04795", "IN_PERSON", null, now.AddHours(-2)));
        await IocApi.PostAcceptedAsync(_hub, Dossiers, Dossier("H25-MOVE-0001", "04924", "IN_PERSON", null, now.AddHours(-2), now.AddHours(-1)));

        var first = await IocApi.GetAsync(_hub, $"/api/snapshots/{Dossiers}?commune=04795");
        var second = await IocApi.GetAsync(_hub, $"/api/snapshots/{Dossiers}?commune=04924");

        Assert.Empty(first["items"]!.AsArray());
        var moved = Assert.Single(second["items"]!.AsArray())!;
        Assert.Equal(2, (int)moved["version"]!);
    }

    [Fact]
    public async Task History_returns_an_entity_events_in_a_time_range_oldest_first_in_pages()
    {
        var start = DateTimeOffset.UtcNow.AddHours(-5);
        var events = Enumerable.Range(0, 5).Select(i => Dossier("H25-HIST-0001", "04795", "IN_PERSON", null, start, start.AddHours(i))).ToArray();
        foreach (var evt in events)
        {
            await IocApi.PostAcceptedAsync(_hub, Dossiers, evt);
        }

        var path = $"/api/snapshots/{Dossiers}/H25-HIST-0001/history?from={Uri.EscapeDataString(Time(start.AddHours(1)))}&to={Uri.EscapeDataString(Time(start.AddHours(4)))}&pageSize=2";
        var (items, pages) = await IocApi.GetAllPagesAsync(_hub, path);
        var all = await IocApi.GetAsync(_hub, $"/api/snapshots/{Dossiers}/H25-HIST-0001/history");

        Assert.Equal(events[1..4].Select(e => (string)e["id"]!), items.Select(i => (string)i["eventId"]!));
        Assert.Equal(2, pages);
        Assert.Equal(5, all["items"]!.AsArray().Count);
        Assert.Equal((string?)events[2]["data"]!["dossierCode"], (string?)items[1]["event"]!["data"]!["dossierCode"]);
    }

    [Theory]
    [InlineData("/api/snapshots/land.parcel-record?pageSize=1001", "pageSize")]
    [InlineData("/api/snapshots/land.parcel-record?pageSize=0", "pageSize")]
    [InlineData("/api/snapshots/land.parcel-record?commune=4795", "commune")]
    [InlineData("/api/snapshots/land.parcel-record?updatedSince=yesterday", "updatedSince")]
    [InlineData("/api/snapshots/land.parcel-record?continuationToken=%25%25", "continuationToken")]
    [InlineData("/api/snapshots/land.parcel-record/04795-1-1/history?from=2026-11-20T00:00:00%2B07:00&to=2026-11-19T00:00:00%2B07:00", "to")]
    public async Task Bad_query_parameters_are_refused_with_the_parameter_named(string path, string parameter)
    {
        using var client = _hub.ReaderClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(parameter, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["parameter"]);
    }

    [Fact]
    public async Task An_unknown_feed_is_404_and_feeds_status_is_not_taken_for_a_feed_id()
    {
        using var client = _hub.ReaderClient();
        using var unknown = await client.GetAsync("/api/snapshots/no.such-feed");
        using var status = await client.GetAsync("/api/feeds/status");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(10, JsonNode.Parse(await status.Content.ReadAsStringAsync())!["feeds"]!.AsArray().Count);
    }
}
