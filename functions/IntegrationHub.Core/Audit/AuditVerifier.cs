using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Storage.Blobs;
using IntegrationHub.Core.Storage;

namespace IntegrationHub.Core.Audit;

/// <summary>
/// Walks the whole chain in storage order and checks, for every record, its own hash, its sequence number and the link to
/// its predecessor; the first break is classified (modified, deleted, inserted, reordered) with its position. Then the head
/// against the newest checkpoint (truncation), then every archive blob an ingest record names against its SHA-256, unless a
/// later retention record says it was purged.
/// </summary>
public sealed class AuditVerifier(BlobAuditChain chain, BlobContainerClient archive)
{
    /// <summary>Blob names of the request archive: lower-case hex SHA-256 of the content.</summary>
    public static BlobContainerClient ArchiveContainer(BlobServiceClient service, StorageOptions storage) =>
        service.GetBlobContainerClient(storage.ContainerPrefix + "-archive");

    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        var lines = await ReadLinesAsync(cancellationToken);
        var records = lines.Select(Parse).ToList();

        var expected = 1L;
        var previous = AuditRecord.Genesis;
        long head = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r is null)
            {
                findings.Add(new AuditFinding(AuditFinding.Unreadable, i, expected, $"Record at position {i} is not a chain record (not JSON, or without seq, prev and hash)."));
                break;
            }

            if (CanonicalJson.Sha256Hex(r.Content) != r.Hash)
            {
                findings.Add(new AuditFinding(AuditFinding.Modified, i, r.Sequence, $"Record at position {i} (seq {r.Sequence}) does not match its own hash: its content was changed."));
                break;
            }

            if (r.Sequence == expected && r.Previous == previous)
            {
                head = r.Sequence;
                previous = r.Hash;
                expected++;
                continue;
            }

            findings.Add(Classify(records, i, expected, previous));
            break;
        }

        var checkpoint = await chain.ReadLatestCheckpointAsync(cancellationToken);
        if (findings.Count == 0 && checkpoint is not null)
        {
            if (checkpoint.Sequence > head)
            {
                findings.Add(new AuditFinding(AuditFinding.Truncated, records.Count, head + 1,
                    $"The checkpoint of {checkpoint.Time:O} records seq {checkpoint.Sequence}, but the chain ends at seq {head}: records {head + 1}…{checkpoint.Sequence} are gone."));
            }
            else if (records[(int)checkpoint.Sequence - 1]!.Hash != checkpoint.Hash)
            {
                findings.Add(new AuditFinding(AuditFinding.Modified, checkpoint.Sequence - 1, checkpoint.Sequence,
                    $"Record seq {checkpoint.Sequence} does not have the hash the checkpoint of {checkpoint.Time:O} recorded: the chain was rewritten."));
            }
        }

        var (checkedBlobs, purged) = await CheckArchiveAsync(records.TakeWhile(r => r is not null).Select(r => r!), findings, cancellationToken);
        return new AuditVerification(records.Count, head, checkpoint, checkedBlobs, purged, findings);
    }

    /// <summary>Names the first break at <paramref name="i"/>, where the chain expected seq <paramref name="expected"/> after <paramref name="previous"/>.</summary>
    private static AuditFinding Classify(IReadOnlyList<AuditRecord?> records, int i, long expected, string previous)
    {
        var r = records[i]!;
        var next = i + 1 < records.Count ? records[i + 1] : null;
        if (r.Sequence == expected)
        {
            return next is not null && next.Sequence == expected && next.Previous == previous
                ? new AuditFinding(AuditFinding.Inserted, i, expected, $"Record at position {i} (seq {r.Sequence}) does not link to its predecessor and the next record takes its place: it was inserted.")
                : new AuditFinding(AuditFinding.Modified, i - 1, expected - 1, $"Record at position {i - 1} (seq {expected - 1}) is not the one its successor links to: it was changed and its hash recomputed.");
        }

        if (r.Sequence == expected - 1 && i > 0 && r.Previous == records[i - 1]!.Previous)
        {
            // Two records claim the same place; the genuine one is the one the chain goes on from.
            var inserted = next is not null && next.Previous == r.Hash ? i - 1 : i;
            return new AuditFinding(AuditFinding.Inserted, inserted, r.Sequence, $"Two records claim seq {r.Sequence}; the one at position {inserted} is not part of the chain: it was inserted.");
        }

        if (r.Sequence < expected)
        {
            return new AuditFinding(AuditFinding.Reordered, i, expected, $"Record at position {i} has seq {r.Sequence}, after seq {expected - 1}: records were reordered.");
        }

        return records.Skip(i + 1).Any(x => x is not null && x.Sequence >= expected && x.Sequence < r.Sequence)
            ? new AuditFinding(AuditFinding.Reordered, i, expected, $"Record at position {i} has seq {r.Sequence} where seq {expected} was expected, and seq {expected} comes later: records were reordered.")
            : new AuditFinding(AuditFinding.Deleted, i, expected, $"Records seq {expected}…{r.Sequence - 1} are missing before position {i}: they were deleted.");
    }

    private async Task<(int Checked, int Purged)> CheckArchiveAsync(IEnumerable<AuditRecord> records, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        var referenced = new Dictionary<string, long>(StringComparer.Ordinal);
        var purged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var details = r.Content["details"] as JsonObject;
            if ((string?)r.Content["kind"] == AuditEntry.Ingest && details?["archiveSha256"] is JsonValue sha)
            {
                referenced.TryAdd((string)sha!, r.Sequence);
            }
            else if ((string?)r.Content["kind"] == AuditEntry.RetentionPurge && details?["archiveBlobs"] is JsonArray blobs)
            {
                foreach (var blob in blobs)
                {
                    purged.Add((string)blob!);
                }
            }
        }

        var count = 0;
        foreach (var (sha, sequence) in referenced.OrderBy(p => p.Value))
        {
            if (purged.Contains(sha))
            {
                continue;
            }

            count++;
            try
            {
                var content = await StorageGuard.RunAsync("Blob", () => archive.GetBlobClient(sha).DownloadContentAsync(cancellationToken));
                var actual = Convert.ToHexStringLower(SHA256.HashData(content.Value.Content.ToMemory().Span));
                if (actual != sha)
                {
                    findings.Add(new AuditFinding(AuditFinding.ArchiveModified, sequence - 1, sequence, $"Archive blob {sha} (recorded by seq {sequence}) now hashes to {actual}: it was changed."));
                }
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                findings.Add(new AuditFinding(AuditFinding.ArchiveMissing, sequence - 1, sequence, $"Archive blob {sha} (recorded by seq {sequence}) is missing, and no retention record purged it."));
            }
        }

        return (count, purged.Count);
    }

    private async Task<List<string>> ReadLinesAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var name in await chain.ListSegmentsAsync(cancellationToken))
        {
            var content = await StorageGuard.RunAsync("Blob", () => chain.ChainContainer.GetBlobClient(name).DownloadContentAsync(cancellationToken));
            lines.AddRange(Encoding.UTF8.GetString(content.Value.Content.ToMemory().Span).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        return lines;
    }

    private static AuditRecord? Parse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject content && content["seq"] is JsonValue seq && seq.TryGetValue<long>(out var sequence)
                && content["prev"] is JsonValue prev && prev.TryGetValue<string>(out var previous)
                && content["hash"] is JsonValue hash && hash.TryGetValue<string>(out var own))
            {
                return new AuditRecord(sequence, previous, own, content);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
