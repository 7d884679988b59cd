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
