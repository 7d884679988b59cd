using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Contracts;
using IntegrationHub.Core.Storage;
using IntegrationHub.IntegrationTests.Audit;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IntegrationHub.IntegrationTests.Retention;

/// <summary>
/// The retention purge on the real hub's storage (Azurite), its clock moved forward: history rows go after the feed's
/// historyDays, archive blobs after its archiveDays, snapshots stay, and every purge is in the audit chain, which still verifies.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class RetentionPurgeTests(SharedStackFixture fixture)
{
    private const string Edu = "edu.school-status";

    [Fact]
    public async Task Expired_history_and_archive_are_purged_at_their_feeds_retention_snapshots_stay_and_each_purge_is_recorded()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var events = Samples.Valid(Edu);
        using (var response = await hub.PostAsync(Edu, Samples.Batch(events), "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var retention = hub.App.Services.GetRequiredService<FeedCatalogue>().Find(Edu)!.Retention;
        var subject = (string)events[0]["data"]!["schoolCode"]!;
        var now = DateTimeOffset.UtcNow;

        var early = await PurgeAtAsync(hub, now.AddDays(retention.HistoryDays - 1));
        Assert.Equal((0, 0, 0), (early.FeedsPurged, early.HistoryRows, early.ArchiveBlobs));
        Assert.Equal(events.Count, await HistoryRowsAsync(hub));

        var history = await PurgeAtAsync(hub, now.AddDays(retention.HistoryDays + 1));
        Assert.Equal((1, events.Count, 0), (history.FeedsPurged, history.HistoryRows, history.ArchiveBlobs));
        Assert.Equal(0, await HistoryRowsAsync(hub));
        using var reader = hub.ReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}/{subject}")).StatusCode);
        var page = JsonNode.Parse(await reader.GetStringAsync($"/api/snapshots/{Edu}/{subject}/history"))!;
        Assert.Empty(page["items"]!.AsArray());

        var archive = await PurgeAtAsync(hub, now.AddDays(retention.ArchiveDays + 1));
        Assert.Equal((1, 0, 1), (archive.FeedsPurged, archive.HistoryRows, archive.ArchiveBlobs));
        var store = new AuditStore(fixture.Stack.StorageConnectionString, prefix: hub.ContainerPrefix);
        Assert.Empty(await ListAsync(store));

        var purges = (await store.LinesAsync()).Select(l => JsonNode.Parse(l)!).Where(r => (string)r["kind"]! == AuditEntry.RetentionPurge).ToList();
        Assert.Equal(2, purges.Count);
        Assert.All(purges, p => Assert.Equal(Edu, (string?)p["feed"]));
        Assert.Equal(events.Count, (int)purges[0]["details"]!["historyRows"]!);
        Assert.Single(purges[1]["details"]!["archiveBlobs"]!.AsArray());

        // The chain accounts for the blob it no longer finds.
        var verification = await store.Verifier().VerifyAsync(CancellationToken.None);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Findings.Select(f => f.Detail)));
        Assert.Equal(1, verification.ArchiveBlobsPurged);
    }

    [Fact]
    public async Task As_of_rows_before_the_newest_checkpoint_at_the_horizon_go_later_instants_are_answered_as_before_earlier_ones_refused()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var checkpoints = hub.App.Services.GetRequiredService<Core.AsOf.SnapshotCheckpoints>();
        var now = DateTimeOffset.UtcNow;
        await Ioc.IocApi.PostAcceptedAsync(hub, Health, Facility("25001", "04795", 10, 1, now.AddHours(-3)), Facility("25002", "04795", 20, 2, now.AddHours(-3)));
        var c0 = await InstantAsync();
        await checkpoints.WriteAsync(Health, c0, CancellationToken.None);
        await Ioc.IocApi.PostAcceptedAsync(hub, Health, Facility("25001", "04795", 11, 1, now.AddHours(-2)));
        var c1 = await InstantAsync();
        await checkpoints.WriteAsync(Health, c1, CancellationToken.None);
        await Ioc.IocApi.PostAcceptedAsync(hub, Health, Facility("25002", "04795", 21, 2, now.AddHours(-1)));
        var t2 = await InstantAsync();
        Assert.Equal((3 + 1, 2, 2 + 2), await AsOfRowsAsync(hub));

        // The horizon falls just after c1: c1 is the newest checkpoint at or before it, so c0 and the arrivals by c1 go.
        var retention = hub.App.Services.GetRequiredService<FeedCatalogue>().Find(Health)!.Retention;
        var report = await PurgeAtAsync(hub, c1.AddDays(retention.HistoryDays).AddMilliseconds(1));

        Assert.Equal(3 + 1 + 2, report.AsOfRows); // 3 arrivals, c0's manifest and its 2 rows
        Assert.Equal((1, 1, 2), await AsOfRowsAsync(hub));
        Assert.Equal(["25001 11", "25002 21"], await StateAsync(hub, t2));
        Assert.Equal(["25001 11", "25002 20"], await StateAsync(hub, c1));
        var store = new AuditStore(fixture.Stack.StorageConnectionString, prefix: hub.ContainerPrefix);
        var purge = (await store.LinesAsync()).Select(l => JsonNode.Parse(l)!).Last(r => (string)r["kind"]! == AuditEntry.RetentionPurge && (string?)r["feed"] == Health);
        Assert.Equal(6, (int)purge["details"]!["asOfRows"]!);

        // Before the history kept, the state is not known: refused, naming the parameter and the horizon.
        using var reader = hub.ReaderClient();
        var tooOld = now.AddDays(-retention.HistoryDays - 1);
        using var snapshots = await reader.GetAsync($"/api/snapshots/{Health}?asOf={Uri.EscapeDataString(tooOld.ToString("O"))}");
        using var indicator = await reader.GetAsync("/api/indicators/I-05?at=2000-01-01");
        foreach (var (response, parameter) in new[] { (snapshots, "asOf"), (indicator, "at") })
        {
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.EndsWith("before-retention-horizon", (string)problem["type"]!, StringComparison.Ordinal);
            Assert.Equal(parameter, (string?)problem["parameter"]);
            Assert.NotNull(problem["horizon"]);
        }
    }

    private const string Health = "health.facility-interop";

    private static JsonObject Facility(string code, string commune, int encounters, int synced, DateTimeOffset at) =>
        Ioc.IocEvents.Facility(code, commune, encounters, synced, at);

    private static async Task<DateTimeOffset> InstantAsync()
    {
        await Task.Delay(20);
        var instant = DateTimeOffset.UtcNow;
        await Task.Delay(20);
        return instant;
    }

    private static async Task<string[]> StateAsync(RunningHub hub, DateTimeOffset asOf)
    {
        var (items, _) = await Ioc.IocApi.GetAllPagesAsync(hub, $"/api/snapshots/{Health}?asOf={Uri.EscapeDataString(asOf.ToString("O"))}");
        return items.Select(i => $"{i["subject"]} {i["data"]!["encounters"]}").Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The feed's arrival rows, checkpoint manifests and checkpoint rows.</summary>
    private async Task<(int Arrivals, int Manifests, int CheckpointRows)> AsOfRowsAsync(RunningHub hub)
    {
        var table = new TableClient(fixture.Stack.StorageConnectionString, hub.TablePrefix + "Entities");
        int arrivals = 0, manifests = 0, rows = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Health + "|"} and PartitionKey lt {Health + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"]))
        {
            if (row.PartitionKey.EndsWith("|checkpoints", StringComparison.Ordinal))
            {
                manifests++;
            }
            else if (row.RowKey.StartsWith("r|", StringComparison.Ordinal))
            {
                arrivals++;
            }
            else if (row.RowKey.StartsWith("c|", StringComparison.Ordinal))
            {
                rows++;
            }
        }

        return (arrivals, manifests, rows);
    }

    private static Task<Core.Retention.RetentionReport> PurgeAtAsync(RunningHub hub, DateTimeOffset time)
    {
        var services = hub.App.Services;
        var storage = services.GetRequiredService<StorageOptions>();
        var purge = new Core.Retention.RetentionPurge(services.GetRequiredService<FeedCatalogue>(), services.GetRequiredService<TableServiceClient>(), storage,
            AuditVerifier.ArchiveContainer(services.GetRequiredService<Azure.Storage.Blobs.BlobServiceClient>(), storage),
            services.GetRequiredService<AuditTrail>(), new FakeTimeProvider(time));
        return purge.RunOnceAsync(CancellationToken.None);
    }

    private async Task<int> HistoryRowsAsync(RunningHub hub)
    {
        var table = new TableClient(fixture.Stack.StorageConnectionString, hub.TablePrefix + "Entities");
        var count = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {"h|"} and RowKey lt {"h}"}"), select: ["RowKey"]))
        {
            count += row.RowKey.Length > 0 ? 1 : 0;
        }

        return count;
    }

    private static async Task<List<string>> ListAsync(AuditStore store)
    {
        var names = new List<string>();
        await foreach (var blob in store.Archive.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        return names;
    }
}
