using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using IntegrationHub.Core.Audit;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.IntegrationTests.Audit;

/// <summary>
/// An audit chain and archive of their own (a random container prefix) on the stack's Azurite, and the tamperer's tools:
/// the chain's lines rewritten with the account key, as someone holding the key (and no WORM policy in the way) could.
/// </summary>
public sealed class AuditStore
{
    public AuditStore(string connectionString, int segmentRecords = 5, string? prefix = null)
    {
        Service = new BlobServiceClient(connectionString);
        Storage = new StorageOptions { ContainerPrefix = prefix ?? "a" + Guid.NewGuid().ToString("N")[..12] };
        Options = new AuditOptions { SegmentRecords = segmentRecords };
        Archive = AuditVerifier.ArchiveContainer(Service, Storage);
    }

    public BlobServiceClient Service { get; }
    public StorageOptions Storage { get; }
    public AuditOptions Options { get; }
    public BlobContainerClient Archive { get; }

    /// <summary>A writer of its own (another hub instance, as far as the chain can tell).</summary>
    public BlobAuditChain Writer() => new(Service, Storage, Options);

    public AuditVerifier Verifier() => new(Writer(), Archive);

    public async Task CreateAsync()
    {
        await Writer().CreateContainersAsync(CancellationToken.None);
        await Archive.CreateIfNotExistsAsync();
    }

    /// <summary>Archives <paramref name="body"/> as the hub does (content-addressed) and returns the ingest entry that names it.</summary>
    public async Task<AuditEntry> ArchivedIngestAsync(string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await Archive.GetBlobClient(sha).UploadAsync(BinaryData.FromBytes(bytes), overwrite: true);
        return new AuditEntry(AuditEntry.Ingest, "edu-sector-db", "tenant", "edu.school-status", DateTimeOffset.UtcNow,
            new JsonObject { ["archiveBlob"] = sha, ["archiveSha256"] = sha, ["events"] = new JsonArray() });
    }

    public static AuditEntry Read(int n) =>
        new(AuditEntry.SnapshotRead, "ioc-reader", "tenant", "edu.school-status", DateTimeOffset.UtcNow,
            new JsonObject { ["rows"] = 1, ["scope"] = new JsonObject { ["subject"] = $"S{n:D4}" } });

    /// <summary>Every line of the chain, in storage order.</summary>
    public async Task<List<string>> LinesAsync()
    {
        var lines = new List<string>();
        foreach (var name in await Writer().ListSegmentsAsync(CancellationToken.None))
        {
            var content = await Writer().ChainContainer.GetBlobClient(name).DownloadContentAsync();
            lines.AddRange(content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    /// <summary>Replaces the whole chain by <paramref name="lines"/> (in one segment: the verifier reads segments as one sequence).</summary>
    public async Task RewriteAsync(IEnumerable<string> lines)
    {
        var chain = Writer().ChainContainer;
        foreach (var name in await Writer().ListSegmentsAsync(CancellationToken.None))
        {
            await chain.DeleteBlobAsync(name);
        }

        var blob = chain.GetAppendBlobClient(BlobAuditChain.SegmentName(0));
        await blob.CreateAsync();
        await blob.AppendBlockAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")))));
    }

    /// <summary>A record forged to follow <paramref name="predecessorLine"/>, with a correct own hash and link.</summary>
    public static string Forge(string predecessorLine, AuditEntry entry)
    {
        var predecessor = JsonNode.Parse(predecessorLine)!.AsObject();
        var record = AuditRecord.Create(entry, (long)predecessor["seq"]! + 1, (string)predecessor["hash"]!);
        return Encoding.UTF8.GetString(record.ToLine()).TrimEnd('\n');
    }
}
