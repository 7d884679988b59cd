using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs.Specialized;
using IntegrationHub.Core.Audit;
using IntegrationHub.IntegrationTests.Hub;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// The audit trail of the real hub on Kestrel against the stack's Azurite: what it records for ingest, reads and admin
/// actions, <c>dev/audit verify</c> (the real tool) before and after tampering, and the 503s when the chain cannot be appended.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AuditHubTests(SharedStackFixture fixture)
{
    private const string Edu = "edu.school-status";

    [Fact]
    public async Task Ingest_reads_and_admin_actions_are_recorded_and_dev_audit_verify_passes_until_an_archive_blob_is_changed()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack);
        var events = Samples.Valid(Edu);
        using (var response = await hub.PostAsync(Edu, Samples.Batch(events), "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var subject = (string)events[0]["data"]!["schoolCode"]!;
        using var reader = hub.ReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}/{subject}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}?pageSize=10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}/{subject}/history")).StatusCode);
        using var admin = hub.AdminClient();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/deadletters/lgsp.edu.school-status.v1/ioc")).StatusCode);
        using (var replay = await admin.PostAsJsonAsync("/api/deadletters/lgsp.edu.school-status.v1/ioc/replay", new { messageIds = new[] { "0123abcd" } }))
        {
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        }

        var store = new AuditStore(fixture.Stack.StorageConnectionString, prefix: hub.ContainerPrefix);
        var records = await RecordsAsync(store, count: 6);
        var ingest = records.Single(r => (string)r["kind"]! == AuditEntry.Ingest);
        Assert.Equal(Edu, (string?)ingest["feed"]);
        Assert.Equal(RunningHub.TenantId, (string?)ingest["tenant"]);
        Assert.Equal(events.Select(e => (string)e["id"]!).Order(), ingest["details"]!["events"]!.AsArray().Select(e => (string)e!["id"]!).Order());
        Assert.True((await store.Archive.GetBlobClient((string)ingest["details"]!["archiveSha256"]!).ExistsAsync()).Value);
        var read = records.Single(r => (string)r["kind"]! == AuditEntry.HistoryRead);
        Assert.Equal(subject, (string?)read["details"]!["scope"]!["subject"]);
        Assert.Equal(1, (int)read["details"]!["rows"]!);
        Assert.Equal(events.Select(e => (string)e["data"]!["schoolCode"]!).Distinct().Count(),
            (int)records.Single(r => (string)r["kind"]! == AuditEntry.SnapshotList)["details"]!["rows"]!);
        var replayed = records.Single(r => (string)r["kind"]! == AuditEntry.DeadLetterReplay);
        Assert.Equal(["0123abcd"], replayed["details"]!["messageIds"]!.AsArray().Select(id => (string)id!));
        Assert.Single(records, r => (string)r["kind"]! == AuditEntry.DeadLetterList);
        Assert.Single(records, r => (string)r["kind"]! == AuditEntry.SnapshotRead);
        await hub.App.Services.GetRequiredService<Core.Audit.AuditCheckpoint>().RunOnceAsync(CancellationToken.None);

        var (clean, cleanOutput) = await HubdevProcess.RunAsync("audit", "verify", "--storage", fixture.Stack.StorageConnectionString, "--container-prefix", hub.ContainerPrefix);
        Assert.True(clean == 0, cleanOutput);
        Assert.Contains("OK:", cleanOutput);
        Assert.Contains("checkpoint: seq 6", cleanOutput);

        await store.Archive.GetBlobClient((string)ingest["details"]!["archiveSha256"]!).UploadAsync(BinaryData.FromString("[]"), overwrite: true);
        var (tampered, tamperedOutput) = await HubdevProcess.RunAsync("audit", "verify", "--storage", fixture.Stack.StorageConnectionString, "--container-prefix", hub.ContainerPrefix);
        Assert.True(tampered == 1, tamperedOutput);
        Assert.Contains($"TAMPERED {AuditFinding.ArchiveModified}", tamperedOutput);
    }

    [Fact]
    public async Task When_the_chain_cannot_be_appended_ingest_answers_503_and_reads_are_refused_once_the_buffer_is_full_and_nothing_goes_unrecorded()
    {
        await using var hub = await RunningHub.StartAsync(fixture.Stack, "--Hub:Audit:ReadBufferCapacity=2", "--Hub:Audit:MaxAppendAttempts=2");
        var events = Samples.Valid(Edu);
        using (var first = await hub.PostAsync(Edu, Samples.Batch(events.Take(1)), "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        // Someone holds a lease on the chain's segment: the hub's appends are refused, as by any storage failure.
        var store = new AuditStore(fixture.Stack.StorageConnectionString, prefix: hub.ContainerPrefix);
        var lease = store.Writer().ChainContainer.GetAppendBlobClient(BlobAuditChain.SegmentName(0)).GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(-1));

        var second = Samples.Batch(events.Skip(1).Take(1));
        using (var refused = await hub.PostAsync(Edu, second, "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.EndsWith("audit-unavailable", (string)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["type"]!);
        }

        var subject = (string)events[0]["data"]!["schoolCode"]!;
        using var reader = hub.ReaderClient();
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}/{subject}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/snapshots/{Edu}/{subject}")).StatusCode);
        using (var full = await reader.GetAsync($"/api/snapshots/{Edu}/{subject}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.EndsWith("audit-buffer-full", (string)JsonNode.Parse(await full.Content.ReadAsStringAsync())!["type"]!);
            Assert.NotNull(full.Headers.RetryAfter);
        }

        await lease.ReleaseAsync();
        var trail = hub.App.Services.GetRequiredService<AuditTrail>();
        for (var i = 0; i < 300 && trail.BufferedReads > 0; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, trail.BufferedReads);

        // The refused request's events are stored; sent again, they come back as duplicates and the request is recorded.
        using (var retried = await hub.PostAsync(Edu, second, "application/cloudevents-batch+json"))
        {
            Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
            Assert.Equal(1, (int)JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["duplicates"]!);
        }

        var records = await RecordsAsync(store, count: 4);
        Assert.Equal(2, records.Count(r => (string)r["kind"]! == AuditEntry.Ingest));
        Assert.Equal(2, records.Count(r => (string)r["kind"]! == AuditEntry.SnapshotRead));
        Assert.True((await store.Verifier().VerifyAsync(CancellationToken.None)).IsIntact);
    }

    /// <summary>The chain's records once it holds <paramref name="count"/> of them (reads are appended asynchronously).</summary>
    private static async Task<List<JsonObject>> RecordsAsync(AuditStore store, int count)
    {
        var lines = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            lines = await store.LinesAsync();
            if (lines.Count >= count)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(count, lines.Count);
        return lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }
}
