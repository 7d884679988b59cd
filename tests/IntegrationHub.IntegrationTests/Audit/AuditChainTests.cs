using System.Text.Json.Nodes;
using IntegrationHub.Core.Audit;
using IntegrationHub.IntegrationTests.Infrastructure;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// The chain against real Azurite: appends from several writers at once never fork it, and the verifier names each kind of
/// tampering with its position (0-based place in storage order; the record at position p has seq p + 1 in an intact chain).
/// </summary>
[Collection(StackCollection.Name)]
public sealed class AuditChainTests(SharedStackFixture fixture)
{
    private const int Records = 20;

    [Fact]
    public async Task A_clean_chain_over_several_segments_with_its_archive_verifies_intact()
    {
        var store = await ChainAsync();

        var result = await store.Verifier().VerifyAsync(CancellationToken.None);

        Assert.True(result.IsIntact, string.Join("; ", result.Findings.Select(f => f.Detail)));
        Assert.Equal(Records, result.Records);
        Assert.Equal(Records, result.HeadSequence);
        Assert.Equal(Records / 5, (await store.Writer().ListSegmentsAsync(CancellationToken.None)).Count);
        Assert.Equal(2, result.ArchiveBlobsChecked);
        Assert.Equal(Records, (await store.Writer().ReadHeadAsync(CancellationToken.None)).Sequence);
    }

    [Fact]
    public async Task Several_writers_appending_at_once_build_one_chain_without_a_fork()
    {
        var store = new AuditStore(fixture.Stack.StorageConnectionString, segmentRecords: 7);
        await store.CreateAsync();
        const int writers = 4, each = 15;

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var writer = store.Writer();
            for (var i = 0; i < each; i++)
            {
                await writer.AppendAsync([AuditStore.Read(w * 100 + i)], CancellationToken.None);
            }
        })));

        var result = await store.Verifier().VerifyAsync(CancellationToken.None);
        Assert.True(result.IsIntact, string.Join("; ", result.Findings.Select(f => f.Detail)));
        Assert.Equal(writers * each, result.Records);
        var subjects = (await store.LinesAsync()).Select(l => (string)JsonNode.Parse(l)!["details"]!["scope"]!["subject"]!).ToList();
        Assert.Equal(writers * each, subjects.Distinct().Count());
    }

    [Fact]
    public async Task A_modified_record_is_reported_at_its_position()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        var record = JsonNode.Parse(lines[7])!.AsObject();
        record["app"] = "someone-else";
        lines[7] = record.ToJsonString();
        await store.RewriteAsync(lines);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Modified, 7L, 8L), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task A_modified_record_whose_hash_was_recomputed_is_reported_by_the_broken_link_after_it()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        var record = JsonNode.Parse(lines[7])!.AsObject();
        record["details"]!["rows"] = 0;
        record["hash"] = CanonicalJson.Sha256Hex(record);
        lines[7] = record.ToJsonString();
        await store.RewriteAsync(lines);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Modified, 7L, 8L), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task A_deleted_record_is_reported_where_it_is_missing()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        lines.RemoveAt(7);
        await store.RewriteAsync(lines);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Deleted, 7L, 8L), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task An_inserted_record_that_links_correctly_to_its_predecessor_is_reported_at_its_position()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        lines.Insert(7, AuditStore.Forge(lines[6], AuditStore.Read(9999)));
        await store.RewriteAsync(lines);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Inserted, 7L, 8L), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task Two_swapped_records_are_reported_as_reordered_at_the_first_of_them()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        (lines[7], lines[8]) = (lines[8], lines[7]);
        await store.RewriteAsync(lines);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Reordered, 7L, 8L), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task A_chain_cut_short_after_a_checkpoint_is_reported_as_truncated()
    {
        var store = await ChainAsync();
        var checkpoint = await new AuditCheckpoint(store.Writer(), TimeProvider.System).RunOnceAsync(CancellationToken.None);
        Assert.Equal(Records, checkpoint!.Sequence);
        Assert.Null(await new AuditCheckpoint(store.Writer(), TimeProvider.System).RunOnceAsync(CancellationToken.None));
        var lines = await store.LinesAsync();
        await store.RewriteAsync(lines.Take(Records - 3));

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.Truncated, (long)Records - 3, (long)Records - 2), (finding.Kind, finding.Position, finding.Sequence));
    }

    [Fact]
    public async Task An_archive_blob_changed_after_it_was_recorded_is_reported()
    {
        var store = await ChainAsync();
        var sha = (string)JsonNode.Parse((await store.LinesAsync())[3])!["details"]!["archiveSha256"]!;
        await store.Archive.GetBlobClient(sha).UploadAsync(BinaryData.FromString("""{"specversion":"1.0","changed":true}"""), overwrite: true);

        var finding = await SingleFindingAsync(store);

        Assert.Equal((AuditFinding.ArchiveModified, 3L, 4L), (finding.Kind, finding.Position, finding.Sequence));
        Assert.Contains(sha, finding.Detail);
    }

    [Fact]
    public async Task A_deleted_archive_blob_is_reported_unless_a_retention_record_purged_it()
    {
        var store = await ChainAsync();
        var lines = await store.LinesAsync();
        var deleted = (string)JsonNode.Parse(lines[3])!["details"]!["archiveSha256"]!;
        var purged = (string)JsonNode.Parse(lines[12])!["details"]!["archiveSha256"]!;
        await store.Writer().AppendAsync([AuditEntries.Purge("edu.school-status", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 0, 0, DateTimeOffset.UtcNow, [purged])],
            CancellationToken.None);
        await store.Archive.DeleteBlobAsync(deleted);
        await store.Archive.DeleteBlobAsync(purged);

        var result = await store.Verifier().VerifyAsync(CancellationToken.None);

        var finding = Assert.Single(result.Findings);
        Assert.Equal((AuditFinding.ArchiveMissing, 3L, 4L), (finding.Kind, finding.Position, finding.Sequence));
        Assert.Equal(1, result.ArchiveBlobsPurged);
    }

    /// <summary>20 records over four segments: reads, with ingest records naming archive blobs at positions 3 and 12.</summary>
    private async Task<AuditStore> ChainAsync()
    {
        var store = new AuditStore(fixture.Stack.StorageConnectionString);
        await store.CreateAsync();
        var writer = store.Writer();
        for (var i = 0; i < Records; i++)
        {
            var entry = i is 3 or 12 ? await store.ArchivedIngestAsync($$"""{"specversion":"1.0","id":"e-{{i}}"}""") : AuditStore.Read(i);
            await writer.AppendAsync([entry], CancellationToken.None);
        }

        return store;
    }

    private static async Task<AuditFinding> SingleFindingAsync(AuditStore store)
    {
        var result = await store.Verifier().VerifyAsync(CancellationToken.None);
        Assert.False(result.IsIntact);
        return Assert.Single(result.Findings);
    }
}
